// The shapes of docs/api.md §11, as the UI reads them. Objects carry more fields than declared;
// only what the contract guarantees is typed.

export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';
export type OperationPhase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface List<T> {
  metadata?: ListMeta;
  items?: T[];
}

export interface HealthInfo {
  status: HealthStatus;
  message?: string;
  lastTransitionTime?: string;
}

export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
}

export interface SyncResourceRef {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface SyncStrategy {
  apply?: { force?: boolean };
  hook?: { force?: boolean };
}

export interface SyncOperation {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  resources?: SyncResourceRef[];
  syncStrategy?: SyncStrategy;
  syncOptions?: string[];
}

export interface Initiator {
  username?: string;
  automated?: boolean;
}

export interface ResourceStatus {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  status: SyncStatus;
  health?: { status: HealthStatus; message?: string };
  hook?: boolean;
  requiresPruning?: boolean;
  syncWave?: number;
}

export interface ResourceResult {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';
  message?: string;
  hookType?: string;
  hookPhase?: string;
}

export interface RevisionHistory {
  id: number;
  revision?: string;
  revisions?: string[];
  source?: ApplicationSource;
  deployedAt: string;
  deployStartedAt?: string;
  initiatedBy?: Initiator;
}

export interface OperationState {
  operation?: { sync?: SyncOperation; initiatedBy?: Initiator };
  phase: OperationPhase;
  message?: string;
  startedAt: string;
  finishedAt?: string;
  syncResult?: { revision?: string; resources?: ResourceResult[] };
}

export interface Condition {
  type: string;
  status?: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export interface Application extends KubeObject {
  spec: {
    project: string;
    source?: ApplicationSource;
    sources?: ApplicationSource[];
    destination: { server?: string; name?: string; namespace?: string };
    syncPolicy?: {
      automated?: { enabled?: boolean; prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean };
      syncOptions?: string[];
    };
  };
  operation?: { sync?: SyncOperation; initiatedBy?: Initiator };
  status?: {
    sync?: { status: SyncStatus; revision?: string; revisions?: string[] };
    health?: HealthInfo;
    resources?: ResourceStatus[];
    history?: RevisionHistory[];
    operationState?: OperationState;
    conditions?: Condition[];
    summary?: { images?: string[]; externalURLs?: string[] };
    reconciledAt?: string;
  };
}

export interface ResourceRef {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export interface ResourceNode extends ResourceRef {
  version: string;
  uid: string;
  resourceVersion?: string;
  parentRefs?: ResourceRef[];
  health?: { status: HealthStatus; message?: string };
  info?: { name: string; value: string }[];
  images?: string[];
  createdAt?: string;
}

export interface ApplicationTree {
  nodes?: ResourceNode[];
  orphanedNodes?: ResourceNode[];
}

/** managed-resources entry; the states are JSON text or "null" (docs/api.md §8). */
export interface ResourceDiff {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  targetState?: string;
  liveState?: string;
  predictedLiveState?: string;
  normalizedLiveState?: string;
  hook?: boolean;
  modified?: boolean;
}

export interface KubeEvent extends KubeObject {
  involvedObject: ResourceRef & { apiVersion?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string };
}

export interface RevisionMetadata {
  author?: string;
  date?: string;
  tags?: string[];
  message?: string;
}

export interface Kustomization extends KubeObject {
  spec: {
    sourceRef: { kind: string; name: string; namespace?: string };
    path?: string;
    interval: string;
    prune: boolean;
    suspend?: boolean;
    targetNamespace?: string;
    wait?: boolean;
    timeout?: string;
  };
  status?: {
    observedGeneration?: number;
    conditions?: Condition[];
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
    lastHandledReconcileAt?: string;
    inventory?: { entries?: { id: string; v: string }[] };
  };
}

export interface GitRepository extends KubeObject {
  spec: {
    url: string;
    interval: string;
    ref?: { branch?: string; tag?: string; semver?: string; name?: string; commit?: string };
    suspend?: boolean;
    timeout?: string;
    secretRef?: { name: string };
  };
  status?: {
    observedGeneration?: number;
    conditions?: Condition[];
    artifact?: { revision: string; digest?: string; lastUpdateTime?: string; size?: number };
    lastHandledReconcileAt?: string;
  };
}

export type FluxResource = 'kustomizations' | 'gitrepositories';
export type FluxObject = Kustomization | GitRepository;

export interface UserInfo {
  loggedIn: boolean;
  username?: string;
  iss?: string;
  groups?: string[];
}

export interface Settings {
  url?: string;
  userLoginsDisabled?: boolean;
  oidcConfig?: { name: string };
  appLabelKey?: string;
  controllerNamespace?: string;
  appsInAnyNamespaceEnabled?: boolean;
  fluxEnabled?: boolean;
  uiBannerContent?: string;
}

export interface AppProject extends KubeObject {
  spec?: { description?: string };
}

export interface SyncRequest {
  appNamespace?: string;
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  strategy?: SyncStrategy;
  resources?: SyncResourceRef[];
  syncOptions?: { items: string[] };
}

export interface RollbackRequest {
  id: number;
  prune?: boolean;
  dryRun?: boolean;
  appNamespace?: string;
}

export interface WatchEvent<T> {
  type: WatchType;
  object: T;
}
