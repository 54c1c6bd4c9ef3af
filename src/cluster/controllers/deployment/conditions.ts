import { parseTime, rfc3339 } from '../loop/clock.ts';
import type { Condition } from '../shared/pods.ts';
import type { Deployment, DeploymentStatus } from './types.ts';

export const NEW_RS_CREATED = 'NewReplicaSetCreated';
export const FOUND_NEW_RS = 'FoundNewReplicaSet';
export const RS_UPDATED = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const PAUSED = 'DeploymentPaused';
export const RESUMED = 'DeploymentResumed';
export const FAILED_RS_CREATE = 'ReplicaSetCreateError';

export function newCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
): Condition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * `SetDeploymentCondition`: the same status and reason leave the condition alone (so
 * lastUpdateTime only moves on real change); the same status keeps lastTransitionTime.
 */
export function setCondition(status: DeploymentStatus, c: Condition): void {
  const current = getCondition(status, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  if (current && current.status === c.status) c.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((x) => x.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

export const hasProgressDeadline = (d: Deployment): boolean =>
  d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== 2147483647;

/** `DeploymentComplete`: every replica updated and available, and the latest spec observed. */
export function isComplete(d: Deployment, s: DeploymentStatus): boolean {
  const n = d.spec.replicas;
  return (
    (s.updatedReplicas ?? 0) === n &&
    (s.replicas ?? 0) === n &&
    (s.availableReplicas ?? 0) === n &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** `DeploymentProgressing`: more updated, fewer old, more ready or more available than before. */
export function isProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** `DeploymentTimedOut`: no progress since the Progressing condition last moved, for longer than the deadline. */
export function isTimedOut(d: Deployment, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c || c.reason === NEW_RS_AVAILABLE) return false;
  if (c.reason === TIMED_OUT) return true;
  const from = parseTime(c.lastUpdateTime);
  return from !== undefined && from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 < now;
}

/** Milliseconds until a progressing Deployment would time out (to look again then). */
export function untilDeadline(d: Deployment, s: DeploymentStatus, now: number): number | undefined {
  if (!hasProgressDeadline(d) || isComplete(d, s)) return undefined;
  const c = getCondition(s, 'Progressing');
  if (!c || c.reason === NEW_RS_AVAILABLE || c.reason === TIMED_OUT) return undefined;
  const from = parseTime(c.lastUpdateTime);
  if (from === undefined) return undefined;
  return Math.max(1, from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 - now + 1000);
}
