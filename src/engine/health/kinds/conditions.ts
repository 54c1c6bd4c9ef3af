/**
 * Any other kind that reports `Ready` or `Available` in `status.conditions`: True is Healthy,
 * False is Degraded, Unknown is Progressing. A status written for an older generation (either
 * `status.observedGeneration` or the condition's own) is Progressing. Kinds without such a
 * condition get no health, as in Argo CD.
 */
import type { KubeObject } from '../../../core/index.ts';
import { findCondition } from '../../object/conditions.ts';
import { getPath } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

export function conditionsHealth(obj: KubeObject): HealthStatus | undefined {
  const c = findCondition(obj, 'Ready') ?? findCondition(obj, 'Available');
  if (!c) return undefined;
  const generation = obj.metadata.generation;
  const observed = getPath(obj, ['status', 'observedGeneration']) ?? c.observedGeneration;
  if (typeof generation === 'number' && typeof observed === 'number' && observed < generation) {
    return health(
      'Progressing',
      `Waiting for ${obj.kind} generation ${generation} to be observed (at ${observed})`,
    );
  }
  const message = c.message ?? c.reason ?? '';
  if (c.status === 'True') return health('Healthy', message);
  if (c.status === 'False') return health('Degraded', message);
  return health('Progressing', message);
}
