import { scaledValue } from '../shared/int-or-percent.ts';
import type { Deployment } from './types.ts';

/**
 * `deploymentutil.ResolveFenceposts`: maxSurge rounds up and maxUnavailable down; both zero
 * would stall a rollout, so maxUnavailable becomes 1.
 */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec.strategy.rollingUpdate ?? {};
  const desired = d.spec.replicas;
  const surge = scaledValue(ru.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export const isRolling = (d: Deployment): boolean => d.spec.strategy.type !== 'Recreate';

export function maxSurge(d: Deployment): number {
  return isRolling(d) ? fenceposts(d).surge : 0;
}

/** `deploymentutil.MaxUnavailable`: 0 for Recreate or no replicas, never above replicas. */
export function maxUnavailable(d: Deployment): number {
  if (!isRolling(d) || d.spec.replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, d.spec.replicas);
}
