import { byCreation, activeReplicaSets, sumReplicas } from './replica-sets.ts';
import { maxSurge } from './fenceposts.ts';
import { syncStatus } from './status.ts';
import type { DeploymentSync } from './sync.ts';
import type { Deployment, ReplicaSet } from './types.ts';
import { DESIRED_REPLICAS } from './types.ts';

// Scaling events and paused Deployments (`sync.go` sync and scale): the replicas go
// proportionally to every active ReplicaSet, largest first.

export async function syncScale(s: DeploymentSync): Promise<void> {
  const { newRS, oldRSs } = await s.allReplicaSets(false);
  await scale(s, newRS, oldRSs);
  if (s.d.spec.paused) await s.cleanup(oldRSs);
  await syncStatus(s, [...oldRSs, newRS], newRS);
}

export async function scale(
  s: DeploymentSync,
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
): Promise<void> {
  const d = s.d;
  const active = activeReplicaSets([newRS, ...oldRSs]);
  const activeOrLatest =
    active.length === 1
      ? active[0]
      : active.length === 0
        ? (newRS ?? [...oldRSs].sort(byCreation).at(-1))
        : undefined;
  if (activeOrLatest) {
    if (activeOrLatest.spec.replicas !== d.spec.replicas)
      await s.scaleReplicaSet(activeOrLatest, d.spec.replicas);
    return;
  }
  if (newRS && isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) await s.scaleReplicaSet(old, 0);
    return;
  }
  if (d.spec.strategy.type === 'Recreate') return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const current = sumReplicas(all);
  const allowed = d.spec.replicas > 0 ? d.spec.replicas + maxSurge(d) : 0;
  const toAdd = allowed - current;
  const sorted = [...all].sort((a, b) => {
    if (a.spec.replicas !== b.spec.replicas) return b.spec.replicas - a.spec.replicas;
    return toAdd > 0 ? -byCreation(a, b) : byCreation(a, b);
  });
  const sizes = new Map<ReplicaSet, number>();
  let added = 0;
  for (const rs of sorted) {
    if (toAdd === 0) {
      sizes.set(rs, rs.spec.replicas);
      continue;
    }
    const p = proportion(rs, d, toAdd, added);
    sizes.set(rs, rs.spec.replicas + p);
    added += p;
  }
  for (const [i, rs] of sorted.entries()) {
    let size = sizes.get(rs)!;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    await s.scaleReplicaSet(rs, size, toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : undefined);
  }
}

/** `IsSaturated`: the new ReplicaSet has all the Deployment's replicas, and they are available. */
function isSaturated(d: Deployment, rs: ReplicaSet): boolean {
  const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS]);
  return (
    rs.spec.replicas === d.spec.replicas &&
    desired === d.spec.replicas &&
    (rs.status?.availableReplicas ?? 0) === d.spec.replicas
  );
}

/** `GetProportion`: a ReplicaSet's share of replicas to add or remove during a proportional scale. */
function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rs.spec.replicas === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicasFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicasFraction(rs: ReplicaSet, d: Deployment): number {
  if (d.spec.replicas === 0) return -rs.spec.replicas;
  const deploymentReplicas = d.spec.replicas + maxSurge(d);
  const annotated = Number(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas']);
  if (!Number.isFinite(annotated) || annotated === 0) return 0;
  const newSize = Math.round((rs.spec.replicas * deploymentReplicas) / annotated);
  return newSize - rs.spec.replicas;
}
