/**
 * source-controller's GitRepository reconcile: resolve `spec.ref`, build the artifact (ignore
 * rules, includes, submodules) through the shared `GitSource`, and report it in `status.artifact`
 * with Flux's conditions. A failure keeps the last artifact, so Kustomizations go on using it.
 */
import {
  CapstanError,
  TerminalError,
  errorMessage,
  formatRef,
  type KubeObject,
  type Logger,
} from '../../../core/index.ts';
import { parseDuration } from '../../../engine/index.ts';
import type { KubeClient } from '../../../kube/index.ts';
import {
  fluxSecretToGitAuth,
  type Artifact as SourceArtifact,
  type GitAuth,
  type GitSource,
  type IncludeSpec,
} from '../../../source/index.ts';
import {
  finalizeFluxStatus,
  fluxConditionTypes,
  fluxInterval,
  markFalse,
  markStalled,
  markTrue,
  removeCondition,
  type EventRecorder,
  type Reconciler,
  type Result,
} from '../../index.ts';
import { gitRepositoryToInternal } from '../api/source/gitrepository-convert.ts';
import type { GitRepository } from '../api/source/gitrepository.ts';
import { patchStatus } from '../status.ts';
import { artifactOf, gitRepositoryApiVersion } from './artifacts.ts';

export const gitReasons = {
  fetchFailed: 'FetchFailed',
  artifactInStorage: 'ArtifactInStorage',
  authenticationFailed: 'AuthenticationFailed',
  gitOperationFailed: 'GitOperationFailed',
  includeUnavailable: 'IncludeUnavailable',
  newArtifact: 'NewArtifact',
} as const;

export interface GitRepositoryReconcilerOptions {
  client: KubeClient;
  sources: GitSource;
  events: EventRecorder;
  logger: Logger;
  artifactBaseUrl: string;
  jitterPercent: number;
  /** Called with `namespace/name` when a GitRepository has a new artifact (Kustomizations follow). */
  onArtifact: (key: string) => void;
}

class GitFailure extends CapstanError {
  readonly reason: string;
  readonly type: string;
  constructor(type: string, reason: string, message: string, cause?: unknown) {
    super(message, { code: 'GIT_REPOSITORY_FAILED', cause });
    this.type = type;
    this.reason = reason;
  }
}

export function gitRepositoryReconciler(o: GitRepositoryReconcilerOptions): Reconciler {
  return {
    async reconcile(request, ctx) {
      const obj = await o.client.get(
        { apiVersion: gitRepositoryApiVersion, kind: 'GitRepository', ...request },
        { signal: ctx.signal },
      );
      if (!obj || obj.metadata.deletionTimestamp) return {};
      return reconcileGitRepository(obj, o, ctx.signal);
    },
  };
}

async function reconcileGitRepository(
  obj: KubeObject,
  o: GitRepositoryReconcilerOptions,
  signal: AbortSignal,
): Promise<Result> {
  let repo: GitRepository;
  let intervalMs: number;
  let timeoutMs: number;
  try {
    repo = gitRepositoryToInternal(obj);
    intervalMs = parseDuration(repo.spec.interval);
    timeoutMs = repo.spec.timeout ? parseDuration(repo.spec.timeout) : 60_000;
  } catch (err) {
    markStalled(obj, 'InvalidSpec', errorMessage(err));
    markFalse(obj, fluxConditionTypes.ready, 'InvalidSpec', errorMessage(err));
    finalizeFluxStatus(obj);
    await patchStatus(o.client, obj, signal);
    throw new TerminalError(`${formatRef(obj)}: ${errorMessage(err)}`, { cause: err });
  }
  if (repo.spec.suspend) return {};
  const ns = obj.metadata.namespace ?? 'default';
  const status = (obj['status'] ??= {}) as Record<string, unknown>;
  const previous = (status['artifact'] as { revision?: string; digest?: string } | undefined) ?? undefined;
  try {
    const auth = await authOf(o, ns, repo, signal);
    const include = await includesOf(o, ns, repo, signal);
    const ref = { api: 'flux' as const, ...(repo.spec.ref ?? {}) };
    let artifact: SourceArtifact;
    try {
      artifact = await o.sources.fetchArtifact({
        url: repo.spec.url,
        ref,
        auth,
        owner: `gitrepository/${ns}/${obj.metadata.name}`,
        ignore: repo.spec.ignore,
        include,
        recurseSubmodules: repo.spec.recurseSubmodules,
        signal,
        timeoutMs,
      });
    } catch (err) {
      if (signal.aborted) throw err;
      const code = err instanceof CapstanError ? err.code : '';
      const reason =
        code === 'SOURCE_AUTH_FAILED' ? gitReasons.authenticationFailed : gitReasons.gitOperationFailed;
      throw new GitFailure(
        gitReasons.fetchFailed,
        reason,
        `failed to checkout and determine revision: ${errorMessage(err)}`,
        err,
      );
    }
    const url = `${o.artifactBaseUrl.replace(/\/+$/, '')}/${artifact.path}`;
    status['artifact'] = {
      digest: artifact.digest,
      lastUpdateTime: artifact.lastUpdateTime,
      path: artifact.path,
      revision: artifact.revision,
      size: artifact.size,
      url,
    };
    if (include.length > 0) status['includedArtifacts'] = include.map((i) => artifactStatus(i.artifact));
    else delete status['includedArtifacts'];
    status['observedIgnore'] = repo.spec.ignore;
    status['observedRecurseSubmodules'] = repo.spec.recurseSubmodules;
    status['observedInclude'] = repo.spec.include;
    const message = `stored artifact for revision '${artifact.revision}'`;
    removeCondition(obj, gitReasons.fetchFailed);
    removeCondition(obj, gitReasons.includeUnavailable);
    removeCondition(obj, fluxConditionTypes.stalled);
    markTrue(obj, gitReasons.artifactInStorage, 'Succeeded', message);
    markTrue(obj, fluxConditionTypes.ready, 'Succeeded', message);
    finalizeFluxStatus(obj);
    await patchStatus(o.client, obj, signal);
    if (previous?.digest !== artifact.digest) {
      const subject = artifact.metadata.message.split('\n')[0] ?? '';
      o.events.event(obj, 'Normal', gitReasons.newArtifact, `stored artifact for commit '${subject}'`);
      o.onArtifact(`${ns}/${obj.metadata.name}`);
    }
    return { requeueAfter: fluxInterval(intervalMs, { percent: o.jitterPercent }) };
  } catch (err) {
    if (signal.aborted || !(err instanceof GitFailure)) throw err;
    markTrue(obj, err.type, err.reason, err.message);
    markFalse(obj, fluxConditionTypes.ready, err.reason, err.message);
    if (status['artifact'])
      markTrue(
        obj,
        gitReasons.artifactInStorage,
        'Succeeded',
        `stored artifact for revision '${previous?.revision ?? ''}'`,
      );
    finalizeFluxStatus(obj);
    await patchStatus(o.client, obj, signal);
    o.events.event(obj, 'Warning', err.reason, err.message);
    const cause = err.cause;
    if (cause instanceof TerminalError)
      throw new TerminalError(`${formatRef(obj)}: ${err.message}`, { cause });
    throw new CapstanError(`${formatRef(obj)}: ${err.message}`, { code: 'GIT_REPOSITORY_FAILED', cause });
  }
}

function artifactStatus(a: SourceArtifact) {
  return {
    digest: a.digest,
    lastUpdateTime: a.lastUpdateTime,
    path: a.path,
    revision: a.revision,
    size: a.size,
    url: a.url,
  };
}

async function authOf(
  o: GitRepositoryReconcilerOptions,
  ns: string,
  repo: GitRepository,
  signal: AbortSignal,
): Promise<GitAuth | undefined> {
  const ref = repo.spec.secretRef;
  if (!ref) return undefined;
  const secret = await o.client.get(
    { apiVersion: 'v1', kind: 'Secret', namespace: ns, name: ref.name },
    { signal },
  );
  if (!secret) {
    throw new GitFailure(
      gitReasons.fetchFailed,
      gitReasons.authenticationFailed,
      `failed to get secret '${ns}/${ref.name}': secrets "${ref.name}" not found`,
    );
  }
  try {
    return fluxSecretToGitAuth(repo.spec.url, secret);
  } catch (err) {
    throw new GitFailure(gitReasons.fetchFailed, gitReasons.authenticationFailed, errorMessage(err), err);
  }
}

async function includesOf(
  o: GitRepositoryReconcilerOptions,
  ns: string,
  repo: GitRepository,
  signal: AbortSignal,
): Promise<IncludeSpec[]> {
  const out: IncludeSpec[] = [];
  for (const inc of repo.spec.include ?? []) {
    const name = inc.repository.name;
    const other = await o.client.get(
      { apiVersion: gitRepositoryApiVersion, kind: 'GitRepository', namespace: ns, name },
      { signal },
    );
    const artifact = other ? artifactOf(other) : undefined;
    if (!artifact) {
      throw new GitFailure(
        gitReasons.includeUnavailable,
        'NotFound',
        `could not get resource for include '${name}': ${other ? 'no artifact available' : `GitRepository '${ns}/${name}' not found`}`,
      );
    }
    out.push({ artifact, fromPath: inc.fromPath, toPath: inc.toPath ?? name });
  }
  return out;
}
