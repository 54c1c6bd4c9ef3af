/**
 * The Application (`argoproj.io/v1alpha1`), as Argo CD's `types.go` defines it: where manifests
 * come from, where they go, how and when to sync them. Status and the operation are in
 * `application-status.ts` and `operation.ts`.
 */
import type { KubeObject, ObjectMeta } from '../../../core/index.ts';
import type { Operation } from './operation.ts';
import type { ApplicationStatus } from './application-status.ts';
import type { ApplicationSource, SourceHydrator } from './source.ts';

export interface Application extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  metadata: ObjectMeta & { name: string };
  spec: ApplicationSpec;
  /** A requested operation (a sync), set by the CLI/UI/API and cleared by the controller when it starts. */
  operation?: Operation;
  status?: ApplicationStatus;
}

export interface ApplicationSpec {
  /**
   * The AppProject; Argo CD's CRD requires it, Capstan's does not and reads an empty one as
   * `default`, as Argo CD's own `GetProject()` does (see `projectOf`).
   */
  project?: string;
  /** One source. Ignored when `sources` is set. */
  source?: ApplicationSource;
  /** Several sources whose manifests are combined (multi-source). */
  sources?: ApplicationSource[];
  /** Render from a dry source and sync from the hydrated branch; wins over `source(s)`. */
  sourceHydrator?: SourceHydrator;
  destination: ApplicationDestination;
  syncPolicy?: SyncPolicy;
  ignoreDifferences?: ResourceIgnoreDifferences[];
  /** Extra information shown in the UI. */
  info?: Info[];
  /** How many entries `status.history` keeps; 10 when unset. */
  revisionHistoryLimit?: number;
}

/** Exactly one of `server` and `name` names the cluster. */
export interface ApplicationDestination {
  /** API server URL; `https://kubernetes.default.svc` is the cluster Capstan runs against. */
  server?: string;
  /** Cluster name from an Argo CD cluster Secret (`in-cluster` for the local one). */
  name?: string;
  namespace?: string;
}

export interface SyncPolicy {
  automated?: SyncPolicyAutomated;
  /** `CreateNamespace=true`, `PruneLast=true`, `ServerSideApply=true`, `Replace=true`… */
  syncOptions?: string[];
  retry?: RetryStrategy;
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
}

export interface SyncPolicyAutomated {
  prune?: boolean;
  selfHeal?: boolean;
  allowEmpty?: boolean;
  /** Turns automated sync off without removing the block; on when unset. */
  enabled?: boolean;
}

export interface RetryStrategy {
  /** Attempts before giving up; negative retries forever, 0 does not retry. */
  limit?: number;
  backoff?: Backoff;
  /** Retry with the latest revision instead of the one the sync started with. */
  refresh?: boolean;
}

export interface Backoff {
  /** Go duration or seconds (`5s`, `5`); 5s when unset. */
  duration?: string;
  /** Multiplier per retry; 2 when unset. */
  factor?: number;
  /** Cap of the backoff; 3m when unset. */
  maxDuration?: string;
}

export interface ManagedNamespaceMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface ResourceIgnoreDifferences {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

export interface Info {
  name: string;
  value: string;
}
