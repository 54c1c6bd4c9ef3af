/** The health of a Flux object as docs/api.md §9 derives it from `spec.suspend` and its conditions. */
import type { KubeObject } from '../../core/index.ts';

export type FluxHealth = 'Suspended' | 'Progressing' | 'Degraded' | 'Healthy';
export const FLUX_HEALTH_VALUES: readonly FluxHealth[] = ['Suspended', 'Progressing', 'Degraded', 'Healthy'];

export function fluxHealth(obj: KubeObject): FluxHealth {
  if ((obj['spec'] as { suspend?: boolean } | undefined)?.suspend === true) return 'Suspended';
  const conditions = ((obj['status'] as { conditions?: { type: string; status: string }[] } | undefined)
    ?.conditions ?? []) as { type: string; status: string }[];
  const status = (type: string) => conditions.find((c) => c.type === type)?.status;
  const ready = status('Ready');
  if (status('Reconciling') === 'True' || ready === undefined || ready === 'Unknown') return 'Progressing';
  if (ready === 'False') return 'Degraded';
  return 'Healthy';
}
