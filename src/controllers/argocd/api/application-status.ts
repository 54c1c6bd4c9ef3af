/**
 * `Application.status`, field for field as Argo CD's controller writes it, so that the argocd
 * CLI, dashboards and `kubectl get app` read Capstan's applications as they read Argo CD's.
 */
import type { OperationInitiator, OperationState } from './operation.ts';
import type { ApplicationDestination, ResourceIgnoreDifferences } from './application.ts';
import type { ApplicationSource, SourceHydrator } from './source.ts';

export interface ApplicationStatus {
  resources?: ResourceStatus[];
  sync?: SyncStatus;
  health?: AppHealthStatus;
  /** Successful syncs, newest last, capped by `spec.revisionHistoryLimit`. */
  history?: RevisionHistory[];
  conditions?: ApplicationCondition[];
  /** When the application was last compared with its source (RFC 3339). */
  reconciledAt?: string;
  operationState?: OperationState;
  /** Deprecated by Argo CD; kept in step with `reconciledAt`. */
  observedAt?: string;
  sourceType?: ApplicationSourceType;
  sourceTypes?: ApplicationSourceType[];
  summary?: ApplicationSummary;
  /** Where resource health is kept: `appTree` (Redis in Argo CD) or empty (in `resources`). */
  resourceHealthSource?: string;
  /** The namespace of the controller that manages this application. */
  controllerNamespace?: string;
  sourceHydrator?: SourceHydratorStatus;
}

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';
export type HealthStatusCode = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
export type ApplicationSourceType = 'Helm' | 'Kustomize' | 'Directory' | 'Plugin';

export interface SyncStatus {
  status: SyncStatusCode;
  comparedTo?: ComparedTo;
  revision?: string;
  revisions?: string[];
}

/** The spec the comparison ran against. */
export interface ComparedTo {
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: ApplicationDestination;
  ignoreDifferences?: ResourceIgnoreDifferences[];
}

export interface AppHealthStatus {
  status?: HealthStatusCode;
  /** Deprecated by Argo CD for the application itself; set for resources. */
  message?: string;
  lastTransitionTime?: string;
}

export interface ResourceStatus {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  status?: SyncStatusCode;
  health?: AppHealthStatus;
  hook?: boolean;
  requiresPruning?: boolean;
  syncWave?: number;
  requiresDeletionConfirmation?: boolean;
}

export interface RevisionHistory {
  /** Increases by one per sync. */
  id: number;
  revision?: string;
  revisions?: string[];
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  deployedAt: string;
  deployStartedAt?: string;
  initiatedBy?: OperationInitiator;
}

/**
 * `Error` types block or report a failure, `Warning` types inform; Argo CD names them by suffix.
 */
export type ApplicationConditionType =
  | 'DeletionError'
  | 'InvalidSpecError'
  | 'ComparisonError'
  | 'SyncError'
  | 'UnknownError'
  | 'SharedResourceWarning'
  | 'RepeatedResourceWarning'
  | 'ExcludedResourceWarning'
  | 'OrphanedResourceWarning';

export interface ApplicationCondition {
  type: ApplicationConditionType;
  message: string;
  lastTransitionTime?: string;
}

export interface ApplicationSummary {
  externalURLs?: string[];
  images?: string[];
  isAppOfApps?: boolean;
}

export interface SourceHydratorStatus {
  lastSuccessfulOperation?: { drySHA?: string; hydratedSHA?: string; sourceHydrator?: SourceHydrator };
  currentOperation?: HydrateOperation;
  lastComparedDryRevision?: string;
}

export interface HydrateOperation {
  startedAt?: string;
  finishedAt?: string;
  phase: 'Hydrating' | 'Failed' | 'Hydrated';
  message: string;
  drySHA?: string;
  hydratedSHA?: string;
  sourceHydrator?: SourceHydrator;
}
