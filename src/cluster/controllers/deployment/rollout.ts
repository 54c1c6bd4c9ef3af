import { POD } from '../shared/kinds.ts';
import { isTerminal } from '../shared/pods.ts';
import { isComplete } from './conditions.ts';
import { maxUnavailable } from './fenceposts.ts';
import { activeReplicaSets, byCreation, sumReplicas, sumStatus } from './replica-sets.ts';
import { syncRolloutStatus } from './status.ts';
import type { DeploymentSync } from './sync.ts';
import type { ReplicaSet } from './types.ts';

// The two rollout strategies (`rolling.go`, `recreate.go`).

export async function rolloutRolling(s: DeploymentSync): Promise<void> {
  const { newRS, oldRSs } = await s.allReplicaSets(true);
  const all = (): ReplicaSet[] => [...s.fresh(oldRSs), ...(newRS ? s.fresh([newRS]) : [])];
  let current = newRS ? s.fresh([newRS])[0] : undefined;
  if (current && current.spec.replicas !== s.d.spec.replicas) {
    const size =
      current.spec.replicas > s.d.spec.replicas ? s.d.spec.replicas : s.newReplicas(all(), current);
    if (size !== current.spec.replicas) {
      current = await s.scaleReplicaSet(current, size);
      return syncRolloutStatus(s, all(), current);
    }
  }
  if (await reconcileOld(s, s.fresh(oldRSs), current)) return syncRolloutStatus(s, all(), current);
  if (isComplete(s.d, s.d.status ?? {})) await s.cleanup(s.fresh(oldRSs));
  return syncRolloutStatus(s, all(), current);
}

/** `reconcileOldReplicaSets`: scale old ReplicaSets down as far as maxUnavailable allows. */
export async function reconcileOld(
  s: DeploymentSync,
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): Promise<boolean> {
  const d = s.d;
  if (sumReplicas(oldRSs) === 0) return false;
  const allCount = sumReplicas([...oldRSs, newRS]);
  const minAvailable = d.spec.replicas - maxUnavailable(d);
  const newUnavailable = (newRS?.spec.replicas ?? 0) - (newRS?.status?.availableReplicas ?? 0);
  const maxScaledDown = allCount - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  let cleaned = 0;
  const olds = [...oldRSs].sort(byCreation);
  for (const [i, rs] of olds.entries()) {
    if (cleaned >= maxScaledDown) break;
    if (rs.spec.replicas === 0) continue;
    const unhealthy = rs.spec.replicas - (rs.status?.availableReplicas ?? 0);
    if (unhealthy <= 0) continue;
    const down = Math.min(maxScaledDown - cleaned, unhealthy);
    olds[i] = await s.scaleReplicaSet(rs, rs.spec.replicas - down);
    cleaned += down;
  }
  const available = sumStatus([...olds, newRS], 'availableReplicas');
  let scaled = 0;
  if (available > minAvailable) {
    const total = available - minAvailable;
    for (const rs of olds) {
      if (scaled >= total) break;
      if (rs.spec.replicas === 0) continue;
      const down = Math.min(rs.spec.replicas, total - scaled);
      await s.scaleReplicaSet(rs, rs.spec.replicas - down);
      scaled += down;
    }
  }
  return cleaned + scaled > 0;
}

export async function rolloutRecreate(s: DeploymentSync): Promise<void> {
  let { newRS, oldRSs } = await s.allReplicaSets(false);
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    await s.scaleReplicaSet(rs, 0);
    scaledDown = true;
  }
  const all = () => [...s.fresh(oldRSs), ...(newRS ? s.fresh([newRS]) : [])];
  if (scaledDown) return syncRolloutStatus(s, all(), newRS);
  // Old pods must be gone (or finished), terminating ones included, before new ones start.
  const pods = s.ctx.informer(POD);
  if (oldRSs.some((rs) => pods.ownedBy(rs.metadata.uid).some((p) => !isTerminal(p))))
    return syncRolloutStatus(s, all(), newRS);
  if (!newRS) ({ newRS, oldRSs } = await s.allReplicaSets(true));
  if (newRS && newRS.spec.replicas !== s.d.spec.replicas)
    newRS = await s.scaleReplicaSet(newRS, s.d.spec.replicas);
  if (isComplete(s.d, s.d.status ?? {})) await s.cleanup(s.fresh(oldRSs));
  return syncRolloutStatus(s, all(), newRS);
}
