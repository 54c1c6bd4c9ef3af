// Public face of the `controllers` runtime; see README.md. The Argo CD and Flux front ends in
// argocd/ and flux/ import only this file from here.

// Reconciling: the one-method seam and its requeue contract.
export { requestKey, parseRequestKey, requestOf, type Request } from './request.ts';
export { reconcilerFunc, type Reconciler, type Result, type ReconcileContext } from './reconciler.ts';
export {
  Controller,
  defaultControllerOptions,
  type ControllerOptions,
  type ControllerMetrics,
  type ReconcileOutcome,
} from './controller.ts';
export {
  mapToSelf,
  mapToOwner,
  mapByIndex,
  RequestIndex,
  generationChanged,
  annotationChanged,
  anyOf,
  type Trigger,
  type TriggerEvent,
  type MapFunc,
  type Predicate,
  type OwnerMatch,
} from './triggers.ts';

// The queue and its backoff.
export { WorkQueue, defaultWorkQueueOptions, type WorkQueueOptions } from './work-queue.ts';
export type { QueueMetrics, QueueStats } from './queue-metrics.ts';
export { discardMetrics, type MetricsSink } from './metrics-sink.ts';
export {
  ExponentialRateLimiter,
  BucketRateLimiter,
  MaxOfRateLimiter,
  createRateLimiter,
  defaultRateLimiterOptions,
  fluxRateLimiterOptions,
  type RateLimiter,
  type RateLimiterOptions,
  type ExponentialBackoffOptions,
  type TokenBucketOptions,
} from './rate-limiter.ts';

// Time.
export { realClock, ManualClock, sleepOn, settle, type Clock } from './clock.ts';
export {
  fluxInterval,
  argoResyncDelay,
  defaultFluxJitterOptions,
  defaultArgoResyncOptions,
  type FluxJitterOptions,
  type ArgoResyncOptions,
} from './jitter.ts';

// Status: conditions (Kubernetes and Flux conventions, Argo CD's), Flux's reconcile requests.
export {
  setCondition,
  getCondition,
  removeCondition,
  conditionsOf,
  isTrue,
  isFalse,
  isUnknown,
  formatTime,
  defaultSetConditionOptions,
  maxConditionMessageLength,
  type StatusCondition,
  type ConditionStatus,
  type ConditionInput,
  type SetConditionOptions,
} from './conditions.ts';
export {
  fluxConditionTypes,
  fluxReasons,
  markTrue,
  markFalse,
  markUnknown,
  markReconciling,
  markStalled,
  isReady,
  isStalled,
  isReconciling,
  finalizeFluxStatus,
  type FluxConditionOptions,
} from './flux-conditions.ts';
export {
  reconcileRequestAnnotation,
  forceRequestAnnotation,
  pendingReconcileRequest,
  markReconcileRequestHandled,
  handleAnnotationRequest,
  reconcileRequested,
} from './reconcile-request.ts';
export { setArgoConditions, type ArgoCondition } from './argo-conditions.ts';

// Scale-out: Argo CD-style sharding.
export {
  ShardFilter,
  InvalidShardError,
  assignShards,
  legacyShard,
  fnv32a,
  shardingAlgorithms,
  defaultShardOptions,
  type ShardingAlgorithm,
  type ShardOptions,
} from './sharding.ts';
export { ConsistentHashRing, ringHash } from './consistent-hash.ts';

// Kubernetes Events.
export {
  KubeEventRecorder,
  discardEvents,
  involvedObjectOf,
  defaultEventRecorderOptions,
  type EventRecorder,
  type EventRecorderOptions,
  type EventOptions,
} from './events.ts';
export {
  EventCorrelator,
  defaultEventCorrelatorOptions,
  type EventCorrelatorOptions,
  type EventType,
  type InvolvedObject,
  type KubeEvent,
} from './event-correlator.ts';

// Leader election over a coordination.k8s.io/v1 Lease.
export {
  LeaderElector,
  InvalidLeaderElectionError,
  defaultLeaderElectionOptions,
  type LeaderElectionOptions,
  type LeaderCallbacks,
} from './leader-election.ts';
export { recordOfLease, formatMicroTime, type LeaderElectionRecord } from './lease.ts';

// CustomResourceDefinitions: schema constructors, the CRD object, the API server's checks, install.
export {
  string,
  dateTime,
  integer,
  int64,
  number,
  boolean,
  object,
  array,
  map,
  anyValue,
  anyObject,
  intOrString,
  resourceSchema,
  type Schema,
  type ValidationRule,
  type StringOptions,
  type NumberOptions,
  type ObjectOptions,
  type ArrayOptions,
  type RootOptions,
} from './crd-schema.ts';
export {
  customResourceDefinition,
  storageVersion,
  type CustomResourceDefinition,
  type CrdDeclaration,
  type CrdNames,
  type CrdVersion,
  type PrinterColumn,
} from './crd.ts';
export { crdErrors } from './crd-check.ts';
export {
  installCustomResourceDefinitions,
  defaultInstallCustomResourceDefinitionsOptions,
  CrdInstallError,
  type InstallCustomResourceDefinitionsOptions,
  type CrdInstallResult,
} from './crd-install.ts';

// Artifacts unpacked for rendering, shared by the front ends' reconciles.
export { ArtifactTrees } from './artifact-trees.ts';
