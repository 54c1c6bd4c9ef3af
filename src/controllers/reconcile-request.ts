import type { KubeObject } from '../core/index.ts';
import { readStatus, statusRecord } from './conditions.ts';
import { annotationChanged, type Predicate } from './triggers.ts';

/**
 * Flux's on-demand reconcile (`flux reconcile …`, `capstan reconcile …`): the CLI writes a new
 * token into this annotation; the controller reconciles and echoes the token into
 * `status.lastHandledReconcileAt`, which is how the CLI knows its request was handled. The value
 * is a token, not a time: any change counts.
 */
export const reconcileRequestAnnotation = 'reconcile.fluxcd.io/requestedAt';

/** A one-off forced action (a HelmRelease upgrade without changes); honoured only with a matching requestedAt. */
export const forceRequestAnnotation = 'reconcile.fluxcd.io/forceAt';

/** The pending request token: the annotation's value when it differs from the last handled one. */
export function pendingReconcileRequest(obj: KubeObject): string | undefined {
  const token = obj.metadata.annotations?.[reconcileRequestAnnotation];
  if (token === undefined) return undefined;
  return readStatus(obj)?.['lastHandledReconcileAt'] === token ? undefined : token;
}

/** Records the current request token as handled (`status.lastHandledReconcileAt`). */
export function markReconcileRequestHandled(obj: KubeObject): void {
  const token = obj.metadata.annotations?.[reconcileRequestAnnotation];
  if (token !== undefined) statusRecord(obj)['lastHandledReconcileAt'] = token;
}

/**
 * fluxcd/pkg `HandleAnnotationRequest`: true when `annotation` (e.g. `forceAt`) carries the same
 * token as `requestedAt` and neither was handled before. The annotation's token is recorded in
 * `status[statusField]` (e.g. `lastHandledForceAt`) either way, so a request acts at most once.
 */
export function handleAnnotationRequest(obj: KubeObject, annotation: string, statusField: string): boolean {
  const annotations = obj.metadata.annotations ?? {};
  const requested = annotations[annotation];
  const reconcileAt = annotations[reconcileRequestAnnotation];
  if (requested === undefined) return false;
  const status = statusRecord(obj);
  const lastHandled = status[statusField];
  status[statusField] = requested;
  return (
    reconcileAt !== undefined &&
    requested === reconcileAt &&
    status['lastHandledReconcileAt'] !== reconcileAt &&
    lastHandled !== requested
  );
}

/** Lets updates through when the request token changed (Flux's `ReconcileRequestedPredicate`). */
export const reconcileRequested: Predicate = annotationChanged(reconcileRequestAnnotation);
