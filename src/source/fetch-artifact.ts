import { createHash } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { throwIfAborted } from '../core/index.ts';
import { writeArchive } from './artifact/archive.ts';
import type { Artifact, ArtifactManifest } from './artifact/types.ts';
import type { FetchArtifactRequest } from './api.ts';
import { exists, mirrorRequest, planFor, revisionOf, type SourceContext } from './context.ts';
import { InvalidReferenceError, TooLargeError } from './errors.ts';
import { readCommits } from './git/commit.ts';
import { filterTree, listTree } from './ignore/walk.ts';
import type { ResolvePlan } from './reference.ts';
import { parseGitUrl, type GitUrl } from './url.ts';
import { checkout, compose } from './workspace.ts';

/**
 * The artifact of a reference now: fetched only if the commit is missing, checked out once per
 * commit, archived once per commit and content options, published last so that a failure leaves
 * every earlier artifact as it was.
 */
export async function fetchArtifact(ctx: SourceContext, req: FetchArtifactRequest): Promise<Artifact> {
  const url = parseGitUrl(req.url);
  const owner = ownerOf(url, req.owner);
  return ctx.gcLock.shared(async () => {
    const plan = await planFor(ctx, url, req);
    const { commit, mirror } = await ctx.mirrors.ensureCommit(mirrorRequest(ctx, url, req), plan);
    throwIfAborted(req.signal);
    const key = contentKey(req);
    const relPath = `${owner}/${commit}${key === DEFAULT_KEY ? '' : `-${key}`}.tar.gz`;
    // The build is shared by identical requests and runs without their signals (one giving up
    // must not fail the others); each request stops waiting when its own signal fires.
    return ctx.builds.run(
      relPath,
      () => build(ctx, { url, req, plan, commit, mirror, owner, key, relPath }),
      req.signal,
    );
  });
}

interface BuildInput {
  url: GitUrl;
  req: FetchArtifactRequest;
  plan: ResolvePlan;
  commit: string;
  mirror: string;
  owner: string;
  key: string;
  relPath: string;
}

async function build(ctx: SourceContext, b: BuildInput): Promise<Artifact> {
  const { url, req, commit, relPath } = b;
  const revision = revisionOf(b.plan, commit);
  const existing = await ctx.store.read(relPath);
  // A manifest whose checkout is gone (a wiped cache) is rebuilt.
  if (existing && (await exists(existing.contentDir))) {
    if (existing.artifact.revision === revision) return existing.artifact;
    // Same content reached through another name: same archive, the revision users see changes.
    const renamed = { ...existing, artifact: { ...existing.artifact, revision, ref: b.plan.fetchRef } };
    await ctx.store.publish(renamed);
    ctx.manifests.set(relPath, renamed);
    return renamed.artifact;
  }
  const base = await checkout(ctx, url, b.mirror, commit);
  const composed = (req.recurseSubmodules && base.gitlinks.length > 0) || (req.include?.length ?? 0) > 0;
  const contentDir = composed
    ? await compose(ctx, url, { ...req, signal: undefined }, b.mirror, commit, base, b.key)
    : base.dir;
  const entries = await filterTree(contentDir, await listTree(contentDir), {
    ignore: req.ignore,
    fluxDefaults: req.fluxDefaults !== false,
  });
  const total = entries.reduce((n, e) => n + e.size, 0);
  if (total > ctx.o.maxTotalSize) {
    throw new TooLargeError(
      `${url.display}: artifact of ${commit} would hold ${total} bytes, above the ${ctx.o.maxTotalSize}-byte limit`,
    );
  }
  const [metadata] = await readCommits(ctx.runner, url.display, b.mirror, ['-n', '1', commit]);
  const file = ctx.store.tarPath(relPath);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  let archived;
  try {
    archived = await writeArchive(contentDir, entries, tmp);
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
  const artifact: Artifact = {
    revision,
    commit,
    digest: archived.digest,
    lastUpdateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    size: archived.size,
    path: relPath,
    url: `${ctx.o.artifactBaseUrl.replace(/\/+$/, '')}/${relPath}`,
    owner: b.owner,
    ref: b.plan.fetchRef,
    contentKey: b.key,
    fileCount: entries.filter((e) => e.type === 'file').length,
    metadata: metadata!,
  };
  const manifest: ArtifactManifest = {
    artifact,
    contentDir,
    files: entries.filter((e) => e.type !== 'dir').map((e) => e.path),
  };
  await ctx.store.publish(manifest);
  ctx.manifests.set(relPath, manifest);
  ctx.o.logger.debug('artifact stored', { url: url.display, revision, path: relPath, size: archived.size });
  return artifact;
}

const DEFAULT_KEY = contentKey({});

/** Hash of the options that shape an artifact's content (not its revision name). */
function contentKey(
  req: Pick<FetchArtifactRequest, 'ignore' | 'include' | 'recurseSubmodules' | 'fluxDefaults'>,
): string {
  const shape = {
    ignore: req.ignore ?? '',
    include: (req.include ?? []).map((i) => [i.artifact.digest, i.fromPath ?? '', i.toPath]),
    submodules: req.recurseSubmodules === true,
    defaults: req.fluxDefaults !== false,
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 12);
}

/** The storage directory of an artifact: the caller's owner, or one derived from the URL. */
function ownerOf(url: GitUrl, owner: string | undefined): string {
  if (owner !== undefined) {
    if (
      !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(owner) ||
      owner.split('/').some((s) => s === '..' || s === '.')
    ) {
      throw new InvalidReferenceError(
        `${url.display}: artifact owner ${JSON.stringify(owner)} must be a relative path of [A-Za-z0-9._-] segments`,
      );
    }
    return owner;
  }
  const hash = createHash('sha256').update(url.key).digest('hex').slice(0, 12);
  const slug = url.key
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(-48);
  return `git/${slug}-${hash}`;
}
