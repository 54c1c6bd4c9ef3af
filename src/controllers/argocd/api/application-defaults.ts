/**
 * Argo CD's constants and the defaults its `types.go` applies when reading a spec, so that both
 * the controller and the server read an Application the way Argo CD does.
 */
import type { ApplicationSpec, SyncPolicy } from './application.ts';
import type { ApplicationSource } from './source.ts';

export const DEFAULT_PROJECT = 'default';
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;
/** The API server address of the cluster the controller runs against. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
export const IN_CLUSTER_NAME = 'in-cluster';

/** Cascading delete (foreground); `/foreground` and `/background` name the propagation explicitly. */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
export const FOREGROUND_RESOURCES_FINALIZER = `${RESOURCES_FINALIZER}/foreground`;
export const BACKGROUND_RESOURCES_FINALIZER = `${RESOURCES_FINALIZER}/background`;
export const PRE_DELETE_FINALIZER = 'pre-delete-finalizer.argocd.argoproj.io';
export const POST_DELETE_FINALIZER = 'post-delete-finalizer.argocd.argoproj.io';

/** `syncPolicy.retry.backoff` when unset: 5 s, doubling, at most 3 min. */
export const DEFAULT_SYNC_RETRY = { durationMs: 5_000, factor: 2, maxDurationMs: 180_000 } as const;

/** `GetProject()`: an empty project is `default`. */
export function projectOf(spec: Pick<ApplicationSpec, 'project'>): string {
  return spec.project || DEFAULT_PROJECT;
}

export function revisionHistoryLimitOf(spec: Pick<ApplicationSpec, 'revisionHistoryLimit'>): number {
  return spec.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
}

/** An `automated` block turns automated sync on unless it says `enabled: false`. */
export function isAutomatedSyncEnabled(policy: SyncPolicy | undefined): boolean {
  return policy?.automated !== undefined && policy.automated.enabled !== false;
}

/** `sources` is used (and `source` ignored) when it has entries and no hydrator is set. */
export function hasMultipleSources(spec: Pick<ApplicationSpec, 'sources' | 'sourceHydrator'>): boolean {
  return spec.sourceHydrator === undefined && (spec.sources?.length ?? 0) > 0;
}

/**
 * `GetSources()`: the sources an application syncs from, in order. With a source hydrator, the
 * hydrated branch (the sync source, inheriting the dry source's repository when it names none).
 */
export function applicationSources(
  spec: Pick<ApplicationSpec, 'source' | 'sources' | 'sourceHydrator'>,
): ApplicationSource[] {
  const hydrator = spec.sourceHydrator;
  if (hydrator) {
    return [
      {
        repoURL: hydrator.syncSource.repoURL || hydrator.drySource.repoURL,
        path: hydrator.syncSource.path,
        targetRevision: hydrator.syncSource.targetBranch,
      },
    ];
  }
  if (hasMultipleSources(spec)) return spec.sources ?? [];
  return spec.source ? [spec.source] : [];
}
