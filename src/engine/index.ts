// Public face of the `engine` module; see README.md for the module map and contracts.

// Object identity and vocabulary shared by the parts below.
export { keyOf, formatKey, keyString, groupKindOf, type ResourceKey } from './object/key.ts';
export * as annotations from './object/annotations.ts';
export { conditionsOf, findCondition, type Condition } from './object/conditions.ts';

// Health: Argo CD statuses (one check per kind), kstatus for Flux, CEL custom checks.
export {
  healthOrder,
  isWorse,
  worst,
  isHealthStatusCode,
  type HealthStatus,
  type HealthStatusCode,
} from './health/status.ts';
export {
  getHealth,
  healthCheckFor,
  builtinHealthChecks,
  defaultHealthOptions,
  type HealthCheck,
  type HealthOptions,
} from './health/registry.ts';
export { aggregateHealth, type ResourceHealthInput } from './health/aggregate.ts';
export { compileCustomHealth, type CustomHealthConfig, type CustomHealthChecks } from './health/custom.ts';
export { CelExpressionError, CelEvaluationError } from './health/cel.ts';
export { computeStatus, defaultKStatusOptions, type KStatusOptions } from './health/kstatus/compute.ts';
export type { KStatus, KStatusResult } from './health/kstatus/status.ts';
export {
  compileHealthCheckExprs,
  type HealthCheckExpr,
  type FluxHealthChecks,
} from './health/kstatus/cel.ts';

// Diff: normalization, ignoreDifferences, comparison, masked text diffs.
export {
  compareObject,
  isNewObject,
  defaultCompareOptions,
  type CompareInput,
  type CompareOptions,
  type ObjectDiff,
  type SyncStatusCode,
  type DiffReason,
} from './diff/compare.ts';
export { normalizeObject, defaultNormalizeOptions, type NormalizeOptions } from './diff/normalize.ts';
export { applyKnownDefaults } from './diff/defaults.ts';
export {
  ruleMatches,
  matchingRules,
  ignoredPaths,
  type IgnoreDifferences,
  type IgnoredPathsOptions,
} from './diff/ignore.ts';
export { respectIgnoreDifferences, type RespectOptions } from './diff/respect.ts';
export {
  JqEngine,
  JqTimeoutError,
  sharedJqEngine,
  defaultJqTimeoutMs,
  type JqOptions,
  type JqPaths,
} from './diff/jq.ts';
export { predictByMerge, threeWayJsonMergePatch } from './diff/predict.ts';
export {
  diffResources,
  DiffMemo,
  defaultLiveDiffOptions,
  type DiffMode,
  type DiffPair,
  type LiveDiffOptions,
  type LiveDiffResult,
  type LiveObjectDiff,
} from './diff/live.ts';
export { dryRunApply, appliedConfiguration, type DryRunApplyOptions } from './diff/dry-run.ts';
export { ownedFieldPaths } from './diff/owned-fields.ts';
export { renderDiff, toYaml, defaultRenderDiffOptions, type RenderDiffOptions } from './diff/render.ts';
export { deepEqual } from './diff/equal.ts';

// Sync planning (README in sync/ is the user-facing spec).
export {
  parseSyncOptions,
  resourceSyncOptions,
  effectiveSyncOptions,
  type SyncOptionSet,
  type PrunePropagationPolicy,
} from './sync/options.ts';
export {
  hookTypes,
  isHook,
  isSkipped,
  hookDeletePolicies,
  type HookType,
  type HookDeletePolicy,
} from './sync/hooks.ts';
export { syncWave } from './sync/waves.ts';
export {
  syncPhases,
  deletionPhases,
  syncPhaseOrder,
  type SyncPhase,
  type DeletionPhase,
} from './sync/phases.ts';
export { argoKindOrder, kindRank } from './sync/kind-order.ts';
export { hookName } from './sync/hook-name.ts';
export { reconcile, type ResourcePair, type Reconciled, type IsNamespaced } from './sync/reconcile.ts';
export {
  planSync,
  syncSteps,
  defaultPlanOptions,
  type PlanInput,
  type PlanOptions,
  type SyncStep,
  type ManagedNamespaceMetadata,
} from './sync/plan.ts';
export { compareTasks, sortTasks } from './sync/order.ts';
export { taskObject, isPrune, isHookTask, describeTask, type SyncTask } from './sync/task.ts';
export { pruneDecision, type PruneDecision, type PruneContext } from './sync/prune.ts';
export {
  fluxApplyStages,
  fluxDeleteOrder,
  compareFluxOrder,
  fluxKindOrder,
  isClusterDefinition,
  type FluxStages,
} from './sync/flux-order.ts';
export {
  parseDuration,
  retryDelay,
  shouldRetry,
  selfHealDelay,
  defaultRetryBackoff,
  defaultAutoSyncRetry,
  InvalidDurationError,
  type RetryStrategy,
  type RetryBackoff,
} from './sync/backoff.ts';
export { ChangeSet, type ChangeAction, type ChangeSetEntry } from './sync/changeset.ts';
export {
  resourceResult,
  hookPhaseFromHealth,
  resourcePhaseFromHealth,
  waitingMessage,
  isCompleted,
  type OperationPhase,
  type ResultCode,
  type ResourceResult,
  type SyncOperationResult,
  type OperationState,
} from './sync/operation.ts';
export {
  checkPruneAll,
  sharedResources,
  checkSharedResources,
  UnsafeSyncError,
  type SharedResource,
  type OwnerOf,
} from './sync/safety.ts';

// Tracking (Argo CD and Flux conventions) and Flux inventories.
export {
  formatTrackingId,
  parseTrackingId,
  instanceName,
  parseInstanceName,
  instanceLabelValue,
  TrackingIdError,
  type TrackingId,
} from './tracking/argo.ts';
export {
  argoTracker,
  fluxTracker,
  defaultArgoTrackerOptions,
  type Tracker,
  type ArgoTrackerOptions,
  type ArgoTrackingMethod,
} from './tracking/tracker.ts';
export {
  formatInventoryId,
  parseInventoryId,
  entryOf,
  objectOfEntry,
  InventoryIdError,
  type InventoryEntry,
  type ObjMetadata,
} from './inventory/entry.ts';
export {
  inventoryOf,
  inventoryFromChangeSet,
  staleObjects,
  mergeInventory,
  inventoryObjects,
  type Inventory,
} from './inventory/inventory.ts';

// The cluster cache (list+watch, indexes, change notifications) and resource trees.
export { createClusterCache } from './cache/cache.ts';
export type { ClusterCache, CacheStats } from './cache/types.ts';
export { defaultClusterCacheOptions, type ClusterCacheOptions } from './cache/options.ts';
export type { CacheEntry } from './cache/entry.ts';
export type { AppRef, CacheEvent, CacheEventType, CacheListener, SubscribeFilter } from './cache/store.ts';
export {
  buildTree,
  defaultTreeOptions,
  type ApplicationTree,
  type ResourceNode,
  type TreeOptions,
} from './cache/tree.ts';
export type { InfoItem, NetworkingInfo, ResourceRef } from './cache/node-info.ts';

// Sync execution (sync/README.md is the user-facing spec): apply, delete, wait, the Argo CD
// operation runner and Flux's staged apply and inventory pruning.
export {
  applyObject,
  defaultApplyObjectOptions,
  isImmutableError,
  ApplyError,
  type ApplyObjectOptions,
  type ApplyMethod,
  type ApplyAction,
  type ApplyResult,
} from './sync/apply.ts';
export {
  deleteAll,
  waitForTermination,
  defaultDeleteAllOptions,
  TerminationTimeoutError,
  type DeleteAllOptions,
} from './sync/delete.ts';
export { waitForSet, defaultWaitOptions, WaitError, type WaitOptions } from './sync/wait.ts';
export { runSync, type SyncOutcome } from './sync/syncer.ts';
export { defaultSyncRunOptions, type SyncRequest, type SyncRunOptions } from './sync/sync-options.ts';
export {
  applyStaged,
  defaultStagedApplyOptions,
  StagedApplyError,
  FLUX_FORCE_ANNOTATION,
  FLUX_RECONCILE_ANNOTATION,
  type StagedApplyOptions,
  type StagedApplyResult,
} from './sync/staged.ts';
export {
  takeoverPatch,
  fluxTakeoverManagers,
  FLUX_SSA_ANNOTATION,
  FLUX_STALE_METADATA,
  CSA_MIGRATION_MANAGERS,
  type FieldManagerRef,
} from './sync/takeover.ts';
export {
  runAppDeletion,
  type AppDeletionRequest,
  type AppDeletionOptions,
  type AppDeletionOutcome,
} from './sync/delete-app.ts';
export {
  pruneInventory,
  defaultPruneInventoryOptions,
  type PruneInventoryOptions,
  type PruneInventoryResult,
} from './inventory/prune.ts';
export { terminateHooks, type HookResult, type TerminateHooksOptions } from './sync/terminate-hooks.ts';
