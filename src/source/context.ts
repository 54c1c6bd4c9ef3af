import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ArtifactStore } from './artifact/store.ts';
import type { Artifact, ArtifactManifest } from './artifact/types.ts';
import type { RepositoryRequest, ResolveRequest } from './api.ts';
import { FileNotFoundError } from './errors.ts';
import { Mirrors, type MirrorRequest } from './git/mirror.ts';
import { KeyedLock, SharedExclusive, SingleFlight } from './git/pool.ts';
import { GitRunner } from './git/runner.ts';
import type { GitSourceOptions } from './options.ts';
import { planResolve, validateRef, type ResolvePlan } from './reference.ts';
import { fluxRevision } from './revision.ts';
import type { GitUrl } from './url.ts';

/** What the verbs of one git source share: options, the git runner, mirrors, storage, locks. */
export interface SourceContext {
  o: GitSourceOptions;
  runner: GitRunner;
  mirrors: Mirrors;
  store: ArtifactStore;
  checkoutLocks: KeyedLock;
  builds: SingleFlight<Artifact>;
  /** Builds hold it shared, garbage collection exclusive. */
  gcLock: SharedExclusive;
  /** Manifests by artifact path. */
  manifests: Map<string, ArtifactManifest>;
  /** The latest checkout per mirror: the next commit's checkout links its unchanged files. */
  lastCheckout: Map<string, { dir: string; commit: string }>;
  checkoutsDir: string;
  contentDir: string;
  tmpDir: string;
}

export function createContext(o: GitSourceOptions): SourceContext {
  const runner = new GitRunner({
    git: o.git,
    stateDir: o.cacheDir,
    maxProcesses: o.maxConcurrentGit,
    stderrLimit: o.stderrLimit,
    timeoutMs: o.timeoutMs,
    onRemote: o.onGitRequest,
  });
  return {
    o,
    runner,
    mirrors: new Mirrors(runner, join(o.cacheDir, 'mirrors')),
    store: new ArtifactStore(o.storageDir),
    checkoutLocks: new KeyedLock(),
    builds: new SingleFlight<Artifact>(),
    gcLock: new SharedExclusive(),
    manifests: new Map(),
    lastCheckout: new Map(),
    checkoutsDir: join(o.cacheDir, 'checkouts'),
    contentDir: join(o.cacheDir, 'content'),
    tmpDir: join(o.cacheDir, 'tmp'),
  };
}

export function mirrorRequest(ctx: SourceContext, url: GitUrl, r: RepositoryRequest): MirrorRequest {
  return { url, auth: r.auth, signal: r.signal, timeoutMs: r.timeoutMs ?? ctx.o.timeoutMs };
}

/** Validates the reference and decides, from one ref listing, how to get its commit. */
export async function planFor(ctx: SourceContext, url: GitUrl, req: ResolveRequest): Promise<ResolvePlan> {
  validateRef(url.display, req.ref);
  const remote = await ctx.mirrors.listRemote(mirrorRequest(ctx, url, req));
  return planResolve(url.display, remote, req.ref);
}

/** The revision users see: Flux's `<name>@sha1:<commit>`, Argo CD's bare SHA. */
export function revisionOf(p: ResolvePlan, commit: string): string {
  return p.api === 'argo' ? commit : fluxRevision(p.fluxName, commit);
}

/** The stored manifest of `artifact`, or FileNotFoundError when it has been collected. */
export async function manifestOf(ctx: SourceContext, artifact: Artifact): Promise<ArtifactManifest> {
  const cached = ctx.manifests.get(artifact.path);
  if (cached && cached.artifact.digest === artifact.digest) return cached;
  const m = await ctx.store.read(artifact.path);
  if (!m || m.artifact.digest !== artifact.digest) {
    throw new FileNotFoundError(
      `${artifact.owner}: artifact ${artifact.path} (${artifact.digest}) is no longer stored`,
    );
  }
  ctx.manifests.set(artifact.path, m);
  return m;
}

export async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
