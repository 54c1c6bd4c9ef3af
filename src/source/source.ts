import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, stat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { throwIfAborted } from '../core/index.ts';
import { writeArchive } from './artifact/archive.ts';
import { copyEntries } from './artifact/compose.ts';
import { readInside, safeRelativePath } from './artifact/read.ts';
import { ArtifactStore } from './artifact/store.ts';
import type { Artifact, ArtifactManifest } from './artifact/types.ts';
import type { GitAuth } from './auth/types.ts';
import { FileNotFoundError, InvalidReferenceError, TooLargeError } from './errors.ts';
import { checkTreeSize, checkoutCommit, listCommitTree } from './git/checkout.ts';
import { readCommits, type CommitMetadata } from './git/commit.ts';
import { Mirrors, type MirrorRequest } from './git/mirror.ts';
import { KeyedLock, SharedExclusive, SingleFlight } from './git/pool.ts';
import { GitRunner } from './git/runner.ts';
import { filterTree, listTree } from './ignore/walk.ts';
import { defaultGitSourceOptions, type GitSourceOptions } from './options.ts';
import { planResolve, validateRef, type GitRef, type ResolvePlan } from './reference.ts';
import { fluxRevision } from './revision.ts';
import { listSubmodules } from './submodules.ts';
import { parseGitUrl, type GitUrl } from './url.ts';

/** Which repository, with which credentials. */
export interface RepositoryRequest {
  url: string;
  auth?: GitAuth | undefined;
  signal?: AbortSignal | undefined;
  /** Per git process, ms; defaults to the source's `timeoutMs`. */
  timeoutMs?: number | undefined;
}

export interface ResolveRequest extends RepositoryRequest {
  ref: GitRef;
}

/** Where a reference points now. */
export interface ResolvedRevision {
  /** The commit, 40 hex digits. */
  commit: string;
  /** As users see it: Flux `main@sha1:<commit>`, Argo CD the bare SHA. */
  revision: string;
  /** The full ref resolved (`refs/heads/main`), when the reference named one. */
  ref: string | undefined;
}

/** Another artifact copied into this one (Flux's GitRepository `spec.include`). */
export interface IncludeSpec {
  artifact: Artifact;
  /** Directory of the included artifact to copy; default its root. */
  fromPath?: string | undefined;
  /** Where it lands in this artifact (replacing what was there). */
  toPath: string;
}

export interface FetchArtifactRequest extends ResolveRequest {
  /** Groups artifacts for paths and retention, e.g. `gitrepository/flux-system/podinfo`. */
  owner?: string | undefined;
  /** `spec.ignore`: gitignore lines applied after every `.sourceignore`. */
  ignore?: string | undefined;
  include?: readonly IncludeSpec[] | undefined;
  recurseSubmodules?: boolean | undefined;
  /** Flux's default exclusions (default true; Argo CD callers usually pass false). */
  fluxDefaults?: boolean | undefined;
}

export interface HistoryRequest extends ResolveRequest {
  /** Commits to return, newest first; default 20. */
  limit?: number | undefined;
}

export interface GcResult {
  removedArtifacts: string[];
  removedCheckouts: number;
  removedMirrors: number;
}

export interface GitSource {
  /** Where `ref` points now: one `ls-remote` (plus a fetch only for abbreviated SHAs). For polling. */
  resolve(req: ResolveRequest): Promise<ResolvedRevision>;
  /**
   * The artifact of `ref` now: fetched into the mirror only if the commit is missing, checked out
   * once per commit, archived once per commit and content options. A failure throws and leaves
   * every earlier artifact in place.
   */
  fetchArtifact(req: FetchArtifactRequest): Promise<Artifact>;
  /** One file of an artifact; refuses escaping paths and symlinks, excluded files and oversize files. */
  readFile(artifact: Artifact, path: string, options?: { signal?: AbortSignal }): Promise<Buffer>;
  /** Paths of the files (and symlinks) in an artifact, in archive order. */
  listFiles(artifact: Artifact): Promise<string[]>;
  /** Commit metadata of the last `limit` commits reachable from `ref`, newest first. */
  history(req: HistoryRequest): Promise<CommitMetadata[]>;
  /** Applies retention to artifacts and removes checkouts and mirrors nothing uses. */
  gc(options?: { signal?: AbortSignal; keep?: readonly Artifact[] }): Promise<GcResult>;
  /** Git processes started so far, by subcommand (`fetch`, `ls-remote`, …). */
  stats(): { gitProcesses: Record<string, number> };
}

/** Builds a git source with `options` over `defaultGitSourceOptions`. */
export function createGitSource(options: Partial<GitSourceOptions> = {}): GitSource {
  const o: GitSourceOptions = { ...defaultGitSourceOptions, ...options };
  const runner = new GitRunner({
    git: o.git,
    stateDir: o.cacheDir,
    maxProcesses: o.maxConcurrentGit,
    stderrLimit: o.stderrLimit,
    timeoutMs: o.timeoutMs,
  });
  const mirrors = new Mirrors(runner, join(o.cacheDir, 'mirrors'));
  const store = new ArtifactStore(o.storageDir);
  const checkoutLocks = new KeyedLock();
  const builds = new SingleFlight<Artifact>();
  const gcLock = new SharedExclusive();
  const manifests = new Map<string, ArtifactManifest>();
  // The latest checkout per mirror: the next commit's checkout links its unchanged files.
  const lastCheckout = new Map<string, { dir: string; commit: string }>();
  const checkoutsDir = join(o.cacheDir, 'checkouts');
  const tmpDir = join(o.cacheDir, 'tmp');
  const limits = { maxFileSize: o.maxFileSize, maxTotalSize: o.maxTotalSize };

  const mreq = (url: GitUrl, r: RepositoryRequest): MirrorRequest => ({
    url,
    auth: r.auth,
    signal: r.signal,
    timeoutMs: r.timeoutMs ?? o.timeoutMs,
  });

  async function plan(url: GitUrl, req: ResolveRequest): Promise<ResolvePlan> {
    validateRef(url.display, req.ref);
    const remote = await mirrors.listRemote(mreq(url, req));
    return planResolve(url.display, remote, req.ref);
  }

  function revisionOf(p: ResolvePlan, commit: string): string {
    return p.api === 'argo' ? commit : fluxRevision(p.fluxName, commit);
  }

  async function resolve(req: ResolveRequest): Promise<ResolvedRevision> {
    const url = parseGitUrl(req.url);
    const p = await plan(url, req);
    let commit = p.commit;
    if (!commit || p.abbreviated) commit = (await mirrors.ensureCommit(mreq(url, req), p)).commit;
    return { commit, revision: revisionOf(p, commit), ref: p.fetchRef };
  }

  async function checkout(
    url: GitUrl,
    mirror: string,
    commit: string,
    signal: AbortSignal | undefined,
  ): Promise<{ dir: string; gitlinks: string[] }> {
    const blobs = await listCommitTree(runner, url.display, mirror, commit, signal);
    checkTreeSize(url.display, commit, blobs, limits);
    const dir = await checkoutCommit(runner, checkoutLocks, {
      subject: url.display,
      mirror,
      commit,
      dir: checkoutsDir,
      tmpDir,
      name: commit,
      signal,
      base: lastCheckout.get(mirror),
    });
    lastCheckout.set(mirror, { dir, commit });
    return { dir, gitlinks: blobs.filter((b) => b.mode === '160000').map((b) => b.path) };
  }

  /** The checkout with submodules (recursively) and includes copied in, as a new directory. */
  async function compose(
    url: GitUrl,
    req: FetchArtifactRequest,
    mirror: string,
    commit: string,
    base: { dir: string; gitlinks: string[] },
    key: string,
  ): Promise<string> {
    const target = join(o.cacheDir, 'content', `${commit}-${key}`);
    if (await exists(target)) return target;
    await mkdir(join(o.cacheDir, 'content'), { recursive: true });
    await mkdir(tmpDir, { recursive: true });
    const tmp = await mkdtemp(join(tmpDir, 'compose-'));
    try {
      const tree = join(tmp, 'tree');
      await mkdir(tree);
      await copyEntries(base.dir, await listTree(base.dir), tree, '');
      if (req.recurseSubmodules && base.gitlinks.length > 0)
        await addSubmodules(url, req, mirror, commit, base.gitlinks, tree, 0);
      for (const inc of req.include ?? []) {
        const m = await manifestOf(inc.artifact);
        const to = safeRelativePath(url.display, inc.toPath);
        const from = inc.fromPath ? safeRelativePath(url.display, inc.fromPath) : '';
        await rm(join(tree, to), { recursive: true, force: true });
        const included = new Set(m.files);
        const entries = (await listTree(m.contentDir)).filter(
          (e) => e.type !== 'dir' && included.has(e.path),
        );
        await copyEntries(m.contentDir, entries, tree, to, from);
      }
      await rename(tree, target).catch(async (err: unknown) => {
        if (!(await exists(target))) throw err;
      });
      return target;
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  async function addSubmodules(
    url: GitUrl,
    req: FetchArtifactRequest,
    mirror: string,
    commit: string,
    gitlinks: string[],
    tree: string,
    depth: number,
  ): Promise<void> {
    if (depth > 5) return;
    const subs = await listSubmodules(runner, url, mirror, commit, gitlinks, req.signal);
    for (const s of subs) {
      const subUrl = parseGitUrl(s.url);
      const subPlan: ResolvePlan = {
        commit: s.commit,
        abbreviated: undefined,
        fetchRef: undefined,
        shallow: false,
        fluxName: undefined,
        api: 'flux',
        description: `submodule ${s.path} commit ${s.commit}`,
      };
      await mirrors.listRemote(mreq(subUrl, req)); // checks access with these credentials
      const got = await mirrors.ensureCommit(mreq(subUrl, req), subPlan);
      const co = await checkout(subUrl, got.mirror, got.commit, req.signal);
      const dst = join(tree, s.path);
      await rm(dst, { recursive: true, force: true });
      await copyEntries(co.dir, await listTree(co.dir), tree, s.path);
      if (co.gitlinks.length)
        await addSubmodules(subUrl, req, got.mirror, got.commit, co.gitlinks, dst, depth + 1);
    }
  }

  async function fetchArtifact(req: FetchArtifactRequest): Promise<Artifact> {
    const url = parseGitUrl(req.url);
    const owner = ownerOf(url, req.owner);
    return gcLock.shared(async () => {
      const p = await plan(url, req);
      const { commit, mirror } = await mirrors.ensureCommit(mreq(url, req), p);
      throwIfAborted(req.signal);
      const key = contentKey(req);
      const relPath = `${owner}/${commit}${key === DEFAULT_KEY ? '' : `-${key}`}.tar.gz`;
      const revision = revisionOf(p, commit);
      // The build is shared by identical requests and runs without their signals (one giving up
      // must not fail the others); each request stops waiting when its own signal fires.
      return builds.run(
        relPath,
        async () => {
          const existing = await store.read(relPath);
          // A manifest whose checkout is gone (a wiped cache) is rebuilt.
          if (existing && (await exists(existing.contentDir))) {
            if (existing.artifact.revision === revision) return existing.artifact;
            // Same content reached through another name: same archive, the revision users see changes.
            const artifact = { ...existing.artifact, revision, ref: p.fetchRef };
            await store.publish({ ...existing, artifact });
            manifests.set(relPath, { ...existing, artifact });
            return artifact;
          }
          const base = await checkout(url, mirror, commit, undefined);
          const composed =
            (req.recurseSubmodules && base.gitlinks.length > 0) || (req.include?.length ?? 0) > 0;
          const contentDir = composed
            ? await compose(url, { ...req, signal: undefined }, mirror, commit, base, key)
            : base.dir;
          const entries = await filterTree(contentDir, await listTree(contentDir), {
            ignore: req.ignore,
            fluxDefaults: req.fluxDefaults !== false,
          });
          const total = entries.reduce((n, e) => n + e.size, 0);
          if (total > o.maxTotalSize) {
            throw new TooLargeError(
              `${url.display}: artifact of ${commit} would hold ${total} bytes, above the ${o.maxTotalSize}-byte limit`,
            );
          }
          const [metadata] = await readCommits(runner, url.display, mirror, ['-n', '1', commit], undefined);
          const file = store.tarPath(relPath);
          await mkdir(join(file, '..'), { recursive: true });
          const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
          let archived;
          try {
            archived = await writeArchive(contentDir, entries, tmp, undefined);
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
            url: `${o.artifactBaseUrl.replace(/\/+$/, '')}/${relPath}`,
            owner,
            ref: p.fetchRef,
            contentKey: key,
            fileCount: entries.filter((e) => e.type === 'file').length,
            metadata: metadata!,
          };
          const manifest: ArtifactManifest = {
            artifact,
            contentDir,
            files: entries.filter((e) => e.type !== 'dir').map((e) => e.path),
          };
          await store.publish(manifest);
          manifests.set(relPath, manifest);
          o.logger.debug('artifact stored', {
            url: url.display,
            revision,
            path: relPath,
            size: archived.size,
          });
          return artifact;
        },
        req.signal,
      );
    });
  }

  async function manifestOf(artifact: Artifact): Promise<ArtifactManifest> {
    const cached = manifests.get(artifact.path);
    if (cached && cached.artifact.digest === artifact.digest) return cached;
    const m = await store.read(artifact.path);
    if (!m || m.artifact.digest !== artifact.digest) {
      throw new FileNotFoundError(
        `${artifact.owner}: artifact ${artifact.path} (${artifact.digest}) is no longer stored`,
      );
    }
    manifests.set(artifact.path, m);
    return m;
  }

  const fileSets = new WeakMap<ArtifactManifest, Set<string>>();

  async function readArtifactFile(
    artifact: Artifact,
    path: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<Buffer> {
    throwIfAborted(options.signal);
    const subject = `${artifact.owner}@${artifact.revision}`;
    const rel = safeRelativePath(subject, path);
    const m = await manifestOf(artifact);
    let set = fileSets.get(m);
    if (!set) fileSets.set(m, (set = new Set(m.files)));
    if (!set.has(rel)) {
      throw new FileNotFoundError(
        `${subject}: ${rel}: not in the artifact (missing, a directory, or excluded by ignore rules)`,
      );
    }
    return readInside(subject, m.contentDir, rel, o.maxFileSize);
  }

  async function history(req: HistoryRequest): Promise<CommitMetadata[]> {
    const url = parseGitUrl(req.url);
    const limit = Math.max(1, Math.floor(req.limit ?? 20));
    const p = await plan(url, req);
    if (p.api === 'flux' && (p.commit === undefined || p.abbreviated)) {
      throw new InvalidReferenceError(`${url.display}: history needs a branch, tag or full commit`);
    }
    const { commit, mirror } = await mirrors.ensureCommit(mreq(url, req), p);
    await mirrors.deepen(mreq(url, req), p, commit, limit);
    return readCommits(runner, url.display, mirror, ['-n', String(limit), commit], req.signal);
  }

  async function gc(options: { signal?: AbortSignal; keep?: readonly Artifact[] } = {}): Promise<GcResult> {
    return gcLock.exclusive(async () => {
      const now = Date.now();
      const keep = new Set((options.keep ?? []).map((a) => a.path));
      const removed: string[] = [];
      const live = new Set<string>();
      for (const list of (await store.list()).values()) {
        list.sort((a, b) => b.artifact.lastUpdateTime.localeCompare(a.artifact.lastUpdateTime));
        list.forEach((m, i) => {
          const young = now - Date.parse(m.artifact.lastUpdateTime) < o.retention.maxAgeMs;
          const kept = i === 0 || keep.has(m.artifact.path) || (i < o.retention.maxCount && young);
          if (kept) live.add(m.contentDir);
          else removed.push(m.artifact.path);
        });
        for (const m of list) if (removed.includes(m.artifact.path)) await store.remove(m);
      }
      for (const path of removed) manifests.delete(path);
      let removedCheckouts = 0;
      for (const dir of [checkoutsDir, join(o.cacheDir, 'content')]) {
        for (const name of await readdir(dir).catch(() => [] as string[])) {
          const full = join(dir, name);
          if (live.has(full)) continue;
          // Submodule checkouts and includes are reached through composed trees, not manifests.
          const st = await stat(full).catch(() => undefined);
          if (!st || now - st.mtimeMs < o.retention.maxAgeMs) continue;
          await rm(full, { recursive: true, force: true });
          removedCheckouts++;
        }
      }
      let removedMirrors = 0;
      const mirrorsDir = join(o.cacheDir, 'mirrors');
      for (const name of await readdir(mirrorsDir).catch(() => [] as string[])) {
        const full = join(mirrorsDir, name);
        const st = await stat(full).catch(() => undefined);
        if (st && now - st.mtimeMs > o.mirrorMaxAgeMs) {
          await rm(full, { recursive: true, force: true });
          removedMirrors++;
        }
      }
      return { removedArtifacts: removed, removedCheckouts, removedMirrors };
    });
  }

  return {
    resolve,
    fetchArtifact,
    readFile: readArtifactFile,
    listFiles: async (artifact) => [...(await manifestOf(artifact)).files],
    history,
    gc,
    stats: () => ({ gitProcesses: Object.fromEntries(runner.spawned) }),
  };
}

const DEFAULT_KEY = contentKey({});

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

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
