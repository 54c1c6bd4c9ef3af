// Health vocabulary shared by Argo Applications and Flux objects (docs/api.md §9, §11).
import type { Condition, FluxObject, HealthStatus, SyncStatus } from '../api/types.ts';

/** Argo CD's order from best to worst; a list's worst member decides its colour. */
export const HEALTH_ORDER: readonly HealthStatus[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];
export const SYNC_STATUSES: readonly SyncStatus[] = ['Synced', 'OutOfSync', 'Unknown'];

export function isHealthStatus(value: string): value is HealthStatus {
  return (HEALTH_ORDER as readonly string[]).includes(value);
}

export function isSyncStatus(value: string): value is SyncStatus {
  return (SYNC_STATUSES as readonly string[]).includes(value);
}

export function worstHealth(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus = 'Healthy';
  for (const s of statuses) if (HEALTH_ORDER.indexOf(s) > HEALTH_ORDER.indexOf(worst)) worst = s;
  return worst;
}

export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** The health of a Flux object, exactly as docs/api.md §9 defines it for the `health` filter. */
export function fluxHealth(obj: FluxObject): HealthStatus {
  if (obj.spec.suspend) return 'Suspended';
  const conditions = obj.status?.conditions;
  const ready = findCondition(conditions, 'Ready');
  if (findCondition(conditions, 'Reconciling')?.status === 'True') return 'Progressing';
  if (!ready || ready.status === 'Unknown' || ready.status === undefined) return 'Progressing';
  if (ready.status === 'False') return 'Degraded';
  return 'Healthy';
}

/** Flux's own words for the same states, shown on Flux badges so Flux users see what they know. */
export function fluxStatusLabel(obj: FluxObject): string {
  if (obj.spec.suspend) return 'Suspended';
  const conditions = obj.status?.conditions;
  if (findCondition(conditions, 'Stalled')?.status === 'True') return 'Stalled';
  if (findCondition(conditions, 'Reconciling')?.status === 'True') return 'Reconciling';
  const ready = findCondition(conditions, 'Ready');
  if (ready?.status === 'True') return 'Ready';
  if (ready?.status === 'False') return 'Not Ready';
  return 'Reconciling';
}
