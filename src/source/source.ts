import { throwIfAborted } from '../core/index.ts';
import { readInside, safeRelativePath } from './artifact/read.ts';
import type { ArtifactManifest } from './artifact/types.ts';
import type { GitSource, HistoryRequest, ResolveRequest, ResolvedRevision } from './api.ts';
import {
  createContext,
  manifestOf,
  mirrorRequest,
  planFor,
  revisionOf,
  type SourceContext,
} from './context.ts';
import { FileNotFoundError, InvalidReferenceError } from './errors.ts';
import { fetchArtifact } from './fetch-artifact.ts';
import { collectGarbage } from './gc.ts';
import { readCommits, type CommitMetadata } from './git/commit.ts';
import { defaultGitSourceOptions, type GitSourceOptions } from './options.ts';
import { parseGitUrl } from './url.ts';

/** Builds a git source with `options` over `defaultGitSourceOptions`. */
export function createGitSource(options: Partial<GitSourceOptions> = {}): GitSource {
  const ctx = createContext({ ...defaultGitSourceOptions, ...options });
  const fileSets = new WeakMap<ArtifactManifest, Set<string>>();
  return {
    resolve: (req) => resolve(ctx, req),
    fetchArtifact: (req) => fetchArtifact(ctx, req),
    async readFile(artifact, path, options = {}) {
      throwIfAborted(options.signal);
      const subject = `${artifact.owner}@${artifact.revision}`;
      const rel = safeRelativePath(subject, path);
      const m = await manifestOf(ctx, artifact);
      let set = fileSets.get(m);
      if (!set) fileSets.set(m, (set = new Set(m.files)));
      if (!set.has(rel)) {
        throw new FileNotFoundError(
          `${subject}: ${rel}: not in the artifact (missing, a directory, or excluded by ignore rules)`,
        );
      }
      return readInside(subject, m.contentDir, rel, ctx.o.maxFileSize);
    },
    listFiles: async (artifact) => [...(await manifestOf(ctx, artifact)).files],
    history: (req) => history(ctx, req),
    gc: (options) => collectGarbage(ctx, options),
    stats: () => ({ gitProcesses: Object.fromEntries(ctx.runner.spawned) }),
    artifactFile: (path) => storedArchive(ctx, path),
  };
}

function storedArchive(ctx: SourceContext, path: string): string | undefined {
  if (!path.endsWith('.tar.gz') || path.includes('\0') || path.includes('\\')) return undefined;
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return undefined;
  return ctx.store.tarPath(path);
}

async function resolve(ctx: SourceContext, req: ResolveRequest): Promise<ResolvedRevision> {
  const url = parseGitUrl(req.url);
  const plan = await planFor(ctx, url, req);
  let commit = plan.commit;
  // Only an abbreviated SHA needs history to expand; everything else is named by the listing.
  if (!commit || plan.abbreviated)
    commit = (await ctx.mirrors.ensureCommit(mirrorRequest(ctx, url, req), plan)).commit;
  return { commit, revision: revisionOf(plan, commit), ref: plan.fetchRef };
}

async function history(ctx: SourceContext, req: HistoryRequest): Promise<CommitMetadata[]> {
  const url = parseGitUrl(req.url);
  const limit = Math.max(1, Math.floor(req.limit ?? 20));
  const plan = await planFor(ctx, url, req);
  if (plan.api === 'flux' && (plan.commit === undefined || plan.abbreviated)) {
    throw new InvalidReferenceError(`${url.display}: history needs a branch, tag or full commit`);
  }
  const mreq = mirrorRequest(ctx, url, req);
  const { commit, mirror } = await ctx.mirrors.ensureCommit(mreq, plan);
  await ctx.mirrors.deepen(mreq, plan, commit, limit);
  return readCommits(ctx.runner, url.display, mirror, ['-n', String(limit), commit], req.signal);
}
