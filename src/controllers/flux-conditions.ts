import type { KubeObject } from '../core/index.ts';
import {
  getCondition,
  isTrue,
  isFalse,
  removeCondition,
  setCondition,
  statusRecord,
  type ConditionStatus,
  type SetConditionOptions,
} from './conditions.ts';
import { reconcileRequestAnnotation } from './reconcile-request.ts';

/**
 * Flux's condition conventions (fluxcd/pkg `apis/meta` and `runtime/conditions`), shared by every
 * Flux kind. `Ready` is always present; `Reconciling` and `Stalled` are "abnormal-true": present
 * only while True, and never both (kstatus reads them).
 */
export const fluxConditionTypes = {
  ready: 'Ready',
  reconciling: 'Reconciling',
  stalled: 'Stalled',
  healthy: 'Healthy',
} as const;

/** The generic reasons of fluxcd/pkg `apis/meta`; front ends add their own (`GitOperationFailed`…). */
export const fluxReasons = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  progressing: 'Progressing',
  progressingWithRetry: 'ProgressingWithRetry',
  suspended: 'Suspended',
  dependencyNotReady: 'DependencyNotReady',
  invalidPath: 'InvalidPath',
  invalidURL: 'InvalidURL',
  insecureConnectionsDisallowed: 'InsecureConnectionsDisallowed',
  unsupportedConnectionType: 'UnsupportedConnectionType',
  pruneFailed: 'PruneFailed',
  artifactFailed: 'ArtifactFailed',
  buildFailed: 'BuildFailed',
  healthCheckFailed: 'HealthCheckFailed',
  healthCheckCanceled: 'HealthCheckCanceled',
  reconciliationSucceeded: 'ReconciliationSucceeded',
  reconciliationFailed: 'ReconciliationFailed',
  invalidCELExpression: 'InvalidCELExpression',
  featureGateDisabled: 'FeatureGateDisabled',
} as const;

/** Options of the Flux helpers: only the clock; transitions and order are Flux's. */
export type FluxConditionOptions = Partial<Pick<SetConditionOptions, 'now'>>;

function mark(
  obj: KubeObject,
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  o: FluxConditionOptions,
): void {
  setCondition(obj, { type, status, reason, message }, { ...o, transitionOn: 'state', order: 'flux' });
}

export function markTrue(
  obj: KubeObject,
  type: string,
  reason: string,
  message: string,
  o: FluxConditionOptions = {},
): void {
  mark(obj, type, 'True', reason, message, o);
}

export function markFalse(
  obj: KubeObject,
  type: string,
  reason: string,
  message: string,
  o: FluxConditionOptions = {},
): void {
  mark(obj, type, 'False', reason, message, o);
}

export function markUnknown(
  obj: KubeObject,
  type: string,
  reason: string,
  message: string,
  o: FluxConditionOptions = {},
): void {
  mark(obj, type, 'Unknown', reason, message, o);
}

/** `Reconciling=True` and no `Stalled`: called when a reconcile starts making changes. */
export function markReconciling(
  obj: KubeObject,
  reason: string,
  message: string,
  o: FluxConditionOptions = {},
): void {
  removeCondition(obj, fluxConditionTypes.stalled);
  markTrue(obj, fluxConditionTypes.reconciling, reason, message, o);
}

/** `Stalled=True` and no `Reconciling`: the reconcile hit an error retrying cannot fix. */
export function markStalled(
  obj: KubeObject,
  reason: string,
  message: string,
  o: FluxConditionOptions = {},
): void {
  removeCondition(obj, fluxConditionTypes.reconciling);
  markTrue(obj, fluxConditionTypes.stalled, reason, message, o);
}

/** Ready=True and neither Reconciling nor Stalled. */
export function isReady(obj: KubeObject): boolean {
  return !isStalled(obj) && !isReconciling(obj) && isTrue(obj, fluxConditionTypes.ready);
}

export function isStalled(obj: KubeObject): boolean {
  return !isTrue(obj, fluxConditionTypes.reconciling) && isTrue(obj, fluxConditionTypes.stalled);
}

export function isReconciling(obj: KubeObject): boolean {
  return !isTrue(obj, fluxConditionTypes.stalled) && isTrue(obj, fluxConditionTypes.reconciling);
}

/**
 * The end of every Flux reconcile (kustomize-controller's `finalizeStatus`): echo the handled
 * `reconcile.fluxcd.io/requestedAt` into `status.lastHandledReconcileAt`; on Ready=True drop
 * `Reconciling` and record `status.observedGeneration`; on Ready=False keep `Reconciling` with
 * reason `ProgressingWithRetry`.
 */
export function finalizeFluxStatus(obj: KubeObject, o: FluxConditionOptions = {}): void {
  const status = statusRecord(obj);
  const requested = obj.metadata.annotations?.[reconcileRequestAnnotation];
  if (requested !== undefined) status['lastHandledReconcileAt'] = requested;
  if (isTrue(obj, fluxConditionTypes.ready)) {
    removeCondition(obj, fluxConditionTypes.reconciling);
    if (obj.metadata.generation !== undefined) status['observedGeneration'] = obj.metadata.generation;
  }
  const reconciling = getCondition(obj, fluxConditionTypes.reconciling);
  if (isFalse(obj, fluxConditionTypes.ready) && reconciling) {
    mark(obj, reconciling.type, reconciling.status, fluxReasons.progressingWithRetry, reconciling.message, o);
  }
}
