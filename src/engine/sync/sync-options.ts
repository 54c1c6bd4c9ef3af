import { silentLogger, type KubeObject, type Logger } from '../../core/index.ts';
import type { KubeClient, KubeReader } from '../../kube/index.ts';
import type { IgnoreDifferences } from '../diff/ignore.ts';
import type { JqEngine } from '../diff/jq.ts';
import type { HealthOptions } from '../health/registry.ts';
import type { ResourceKey } from '../object/key.ts';
import type { Tracker } from '../tracking/tracker.ts';
import type { RetryStrategy } from './backoff.ts';
import type { OperationState } from './operation.ts';
import type { SyncOptionSet } from './options.ts';
import type { ManagedNamespaceMetadata } from './plan.ts';
import type { IsNamespaced } from './reconcile.ts';

/** What to sync: an application's rendered objects and what it has in the cluster. */
export interface SyncRequest {
  /** The application, as the tracker writes it (`guestbook`; Flux: `namespace/name`). */
  app: string;
  /** Destination namespace: namespaced objects without one go there. */
  namespace: string;
  /** The revision synced (names generated hooks, recorded in the result). */
  revision: string;
  /** Rendered objects, hooks included. */
  desired: readonly KubeObject[];
  /** Live objects the application tracks (`cache.owned(app)`): what may be pruned. */
  live: readonly KubeObject[];
  /** Operation start; retries of one operation keep it, so generated hook names stay the same. */
  startedAt?: Date;
}

export interface SyncRunOptions {
  signal: AbortSignal;
  client: KubeClient;
  /** Reads live objects; a cluster cache's `reader()` answers from memory. Defaults to `client`. */
  reader: KubeReader | undefined;
  /** Stamps desired objects as the application's and reads owners for FailOnSharedResource. */
  tracker: Tracker;
  /** Field manager of server-side apply (`argocd-controller`). */
  fieldManager: string;
  /**
   * Application-level sync options (`spec.syncPolicy.syncOptions` and the operation's). Server-side
   * apply is the default here; `ServerSideApply=false` selects client-side apply.
   */
  syncOptions: SyncOptionSet;
  /** The operation may prune (`--prune`, `automated.prune`). */
  prune: boolean;
  /** Dry run the whole sync: nothing is written. */
  dryRun: boolean;
  /** Allow a sync that prunes every live object because Git rendered nothing. */
  allowEmpty: boolean;
  skipHooks: boolean;
  /** Selective sync: only these objects (hooks do not run, as in Argo CD). */
  resources: readonly ResourceKey[] | undefined;
  managedNamespaceMetadata: ManagedNamespaceMetadata | undefined;
  /** Retry a failed attempt (`syncPolicy.retry`); undefined: no retry. */
  retry: RetryStrategy | undefined;
  /** Pause between waves (Argo CD's 2 s `delayBetweenSyncWaves`). */
  waveDelayMs: number;
  /** How often health is read while a wave or hook runs. */
  pollIntervalMs: number;
  /** A wave or hook that takes longer fails the sync; 0 waits forever (as Argo CD). */
  waveTimeoutMs: number;
  health: Partial<HealthOptions>;
  /** For RespectIgnoreDifferences. */
  ignoreDifferences: readonly IgnoreDifferences[];
  jq: JqEngine | undefined;
  /** `Prune=confirm` objects may go (the application carries a fresh deletion approval). */
  pruneConfirmed: boolean;
  /** Scope of kinds; read from discovery when undefined. */
  isNamespaced: IsNamespaced | undefined;
  /** Parallel API calls within one run of the same kind. */
  concurrency: number;
  /** Called with the operation state after every step. */
  onProgress: ((state: OperationState) => void) | undefined;
  logger: Logger;
}

export const defaultSyncRunOptions: Omit<SyncRunOptions, 'signal' | 'client' | 'tracker'> = {
  reader: undefined,
  fieldManager: 'argocd-controller',
  syncOptions: {},
  prune: false,
  dryRun: false,
  allowEmpty: false,
  skipHooks: false,
  resources: undefined,
  managedNamespaceMetadata: undefined,
  retry: undefined,
  waveDelayMs: 2000,
  pollIntervalMs: 1000,
  waveTimeoutMs: 0,
  health: {},
  ignoreDifferences: [],
  jq: undefined,
  pruneConfirmed: false,
  isNamespaced: undefined,
  concurrency: 8,
  onProgress: undefined,
  logger: silentLogger,
};
