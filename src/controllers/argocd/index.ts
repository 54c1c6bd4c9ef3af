// Public face of the `controllers/argocd` module; see README.md.

// The API: Argo CD's kinds as TypeScript types.
export type {
  Application,
  ApplicationSpec,
  ApplicationDestination,
  SyncPolicy,
  SyncPolicyAutomated,
  RetryStrategy,
  Backoff,
  ManagedNamespaceMetadata,
  ResourceIgnoreDifferences,
  Info,
} from './api/application.ts';
export type {
  ApplicationSource,
  ApplicationSourceHelm,
  HelmParameter,
  HelmFileParameter,
  ApplicationSourceKustomize,
  KustomizeReplica,
  KustomizePatch,
  KustomizeSelector,
  ApplicationSourceDirectory,
  ApplicationSourceJsonnet,
  JsonnetVar,
  ApplicationSourcePlugin,
  EnvEntry,
  PluginParameter,
  SourceHydrator,
  DrySource,
  SyncSource,
} from './api/source.ts';
export type {
  Operation,
  SyncOperation,
  SyncStrategy,
  SyncOperationResource,
  OperationInitiator,
  OperationPhase,
  OperationState,
  SyncOperationResult,
  ResultCode,
  HookType,
  SyncPhase,
  ResourceResult,
} from './api/operation.ts';
export type {
  ApplicationStatus,
  SyncStatusCode,
  HealthStatusCode,
  ApplicationSourceType,
  SyncStatus,
  ComparedTo,
  AppHealthStatus,
  ResourceStatus,
  RevisionHistory,
  ApplicationConditionType,
  ApplicationCondition,
  ApplicationSummary,
  SourceHydratorStatus,
  HydrateOperation,
} from './api/application-status.ts';
export type {
  AppProject,
  AppProjectSpec,
  AppProjectStatus,
  ApplicationDestinationPattern,
  GroupKind,
  ClusterResourceRestriction,
  ProjectRole,
  JwtToken,
  OrphanedResourcesMonitorSettings,
  SyncWindow,
  SourceIntegrity,
  DestinationServiceAccount,
} from './api/appproject.ts';
export type {
  ApplicationSet,
  ApplicationSetSpec,
  ApplicationSetTemplate,
  ApplicationSetTemplateMeta,
  ApplicationSetSyncPolicy,
  ApplicationSetStrategy,
  RollingSyncStep,
  ApplicationSetStatus,
  ApplicationSetCondition,
  ApplicationSetApplicationStatus,
} from './api/applicationset.ts';
export type {
  ApplicationSetGenerator,
  NestedGenerator,
  LabelSelector,
  ListGenerator,
  ClusterGenerator,
  GitGenerator,
  GitPathItem,
  MatrixGenerator,
  MergeGenerator,
  DuckTypeGenerator,
  PluginGenerator,
  ScmProviderGenerator,
  PullRequestGenerator,
  SecretRef,
  ConfigMapKeyRef,
  BasicAuth,
} from './api/applicationset-generators.ts';

// Reading a spec as Argo CD does.
export {
  DEFAULT_PROJECT,
  DEFAULT_REVISION_HISTORY_LIMIT,
  IN_CLUSTER_SERVER,
  IN_CLUSTER_NAME,
  RESOURCES_FINALIZER,
  FOREGROUND_RESOURCES_FINALIZER,
  BACKGROUND_RESOURCES_FINALIZER,
  PRE_DELETE_FINALIZER,
  POST_DELETE_FINALIZER,
  DEFAULT_SYNC_RETRY,
  projectOf,
  revisionHistoryLimitOf,
  isAutomatedSyncEnabled,
  hasMultipleSources,
  applicationSources,
} from './api/application-defaults.ts';

// The CRDs and their installation.
export { ARGOCD_GROUP, ARGOCD_API_VERSION } from './api/group.ts';
export { argocdCrds } from './api/crds.ts';
export { installCrds, defaultInstallCrdsOptions, type InstallCrdsOptions } from './install.ts';

// The controllers: Application (with AppProject checks) over the engine.
export {
  startArgoCdControllers,
  defaultArgoCdControllersOptions,
  type ArgoCdControllersOptions,
  type RunningArgoCd,
} from './controllers.ts';
export type { ArgoCdQueries, ManagedResource, RevisionMetadata } from './queries.ts';
// What the API server checks before it creates or changes an Application (Argo's validation).
export { identifyDestination, isClusterSecret } from './clusters.ts';
export { isSourcePermitted, isDestinationPermitted, isSourceNamespacePermitted } from './project.ts';
export { REFRESH_ANNOTATION } from './app-reconciler.ts';
