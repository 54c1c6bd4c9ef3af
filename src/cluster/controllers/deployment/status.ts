import {
  getCondition,
  hasProgressDeadline,
  isComplete,
  isProgressing,
  isTimedOut,
  NEW_RS_AVAILABLE,
  newCondition,
  PAUSED,
  removeCondition,
  RESUMED,
  RS_UPDATED,
  setCondition,
  TIMED_OUT,
  untilDeadline,
} from './conditions.ts';
import { maxUnavailable } from './fenceposts.ts';
import { sumReplicas, sumStatus } from './replica-sets.ts';
import type { DeploymentSync } from './sync.ts';
import type { DeploymentStatus, ReplicaSet } from './types.ts';

// Deployment status and conditions (`sync.go` calculateStatus, `progress.go`).

export function calculateStatus(
  s: DeploymentSync,
  all: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): DeploymentStatus {
  const d = s.d;
  const available = sumStatus(all, 'availableReplicas');
  const total = sumReplicas(all);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sumStatus(all, 'replicas'),
    updatedReplicas: newRS ? (newRS.status?.replicas ?? 0) : 0,
    readyReplicas: sumStatus(all, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    ...(d.status?.conditions ? { conditions: structuredClone(d.status.conditions) } : {}),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
  };
  const now = s.ctx.now();
  if (available >= d.spec.replicas - maxUnavailable(d))
    setCondition(
      status,
      newCondition(
        'Available',
        'True',
        'MinimumReplicasAvailable',
        'Deployment has minimum availability.',
        now,
      ),
    );
  else
    setCondition(
      status,
      newCondition(
        'Available',
        'False',
        'MinimumReplicasUnavailable',
        'Deployment does not have minimum availability.',
        now,
      ),
    );
  return status;
}

export async function syncStatus(
  s: DeploymentSync,
  all: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): Promise<void> {
  const status = calculateStatus(
    s,
    all.filter((r): r is ReplicaSet => r !== undefined),
    newRS,
  );
  await s.writeStatus(status);
}

export async function syncRolloutStatus(
  s: DeploymentSync,
  all: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): Promise<void> {
  const d = s.d;
  const now = s.ctx.now();
  const status = calculateStatus(s, all, newRS);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(status, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && current?.reason === NEW_RS_AVAILABLE;
  if (hasProgressDeadline(d) && !complete) {
    const name = newRS?.metadata.name;
    if (isComplete(d, status)) {
      if (name)
        setCondition(
          status,
          newCondition(
            'Progressing',
            'True',
            NEW_RS_AVAILABLE,
            `ReplicaSet "${name}" has successfully progressed.`,
            now,
          ),
        );
    } else if (isProgressing(d, status)) {
      if (name) {
        const c = newCondition(
          'Progressing',
          'True',
          RS_UPDATED,
          `ReplicaSet "${name}" is progressing.`,
          now,
        );
        if (current?.status === 'True' && current.lastTransitionTime)
          c.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
        setCondition(status, c);
      }
    } else if (isTimedOut(d, status, now)) {
      const msg = name
        ? `ReplicaSet "${name}" has timed out progressing.`
        : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(status, newCondition('Progressing', 'False', TIMED_OUT, msg, now));
    }
  }
  // ReplicaFailure from the ReplicaSets surfaces on the Deployment.
  const failure = all.flatMap((rs) => rs.status?.conditions ?? []).find((c) => c.type === 'ReplicaFailure');
  if (failure) setCondition(status, { ...failure });
  else if (getCondition(status, 'ReplicaFailure')) removeCondition(status, 'ReplicaFailure');
  await s.writeStatus(status);
  const wait = untilDeadline(d, status, now);
  if (wait !== undefined) s.requeue = wait;
}

export async function checkPausedConditions(s: DeploymentSync): Promise<void> {
  const d = s.d;
  if (!hasProgressDeadline(d)) return;
  const c = getCondition(d.status, 'Progressing');
  if (c?.reason === TIMED_OUT) return;
  const pausedExists = c?.reason === PAUSED;
  const now = s.ctx.now();
  const status = s.statusCopy();
  if (d.spec.paused && !pausedExists)
    setCondition(status, newCondition('Progressing', 'Unknown', PAUSED, 'Deployment is paused', now));
  else if (!d.spec.paused && pausedExists)
    setCondition(status, newCondition('Progressing', 'Unknown', RESUMED, 'Deployment is resumed', now));
  else return;
  await s.writeStatus(status);
}

/** Go's `omitempty` for the integer fields of DeploymentStatus. */
export function compact(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.replicas) out.replicas = s.replicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.unavailableReplicas) out.unavailableReplicas = s.unavailableReplicas;
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}
