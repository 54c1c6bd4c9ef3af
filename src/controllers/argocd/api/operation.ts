/**
 * A sync request (`Application.operation`) and what became of it (`status.operationState`), as
 * Argo CD's CLI, UI and controller write them.
 */
import type { ApplicationSource } from './source.ts';
import type { Info, ManagedNamespaceMetadata, RetryStrategy } from './application.ts';

export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: OperationInitiator;
  info?: Info[];
  retry?: RetryStrategy;
}

export interface SyncOperation {
  /** The revision to sync to; the application's target revision when empty. */
  revision?: string;
  /** One revision per source (multi-source). */
  revisions?: string[];
  prune?: boolean;
  dryRun?: boolean;
  syncStrategy?: SyncStrategy;
  /** Sync only these resources (a selective sync). */
  resources?: SyncOperationResource[];
  /** Overrides the application's source for this sync (e.g. a rollback to a history entry). */
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  /** Manifests to apply instead of rendering the source (`argocd app sync --local`). */
  manifests?: string[];
  syncOptions?: string[];
  /** How many self-heal attempts led here (set by the controller for automated syncs). */
  autoHealAttemptsCount?: number;
}

export interface SyncStrategy {
  /** `kubectl apply` only; hooks are not run. */
  apply?: { force?: boolean };
  /** Run hooks and waves (the default). */
  hook?: { force?: boolean };
}

export interface SyncOperationResource {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface OperationInitiator {
  /** Who asked (a user name), empty for automated syncs. */
  username?: string;
  /** True when the controller started the operation (automated sync). */
  automated?: boolean;
}

export type OperationPhase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';

export interface OperationState {
  operation: Operation;
  phase: OperationPhase;
  message?: string;
  syncResult?: SyncOperationResult;
  /** RFC 3339. */
  startedAt: string;
  finishedAt?: string;
  retryCount?: number;
}

export interface SyncOperationResult {
  resources?: ResourceResult[];
  /** Required by Argo CD's schema; the revision synced (the first source's for multi-source). */
  revision: string;
  revisions?: string[];
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
}

export type ResultCode = 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';
export type HookType = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail' | 'PreDelete' | 'PostDelete' | 'Skip';
export type SyncPhase = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail' | 'PreDelete' | 'PostDelete';

/** The outcome for one resource of a sync. */
export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status?: ResultCode;
  message?: string;
  hookType?: HookType;
  hookPhase?: OperationPhase;
  syncPhase?: SyncPhase;
  images?: string[];
}
