/**
 * Flux toolkit kinds (Kustomization, HelmRelease, GitRepository, …), as the health.lua Argo CD ships
 * for them, plus the observedGeneration check every Flux status honours: a spec change the
 * controller has not seen yet is Progressing, not the stale Ready.
 */
import type { KubeObject } from '../../../core/index.ts';
import { conditionsOf } from '../../object/conditions.ts';
import { getPath } from '../../object/path.ts';
import { health, type HealthStatus } from '../status.ts';

export function fluxHealth(obj: KubeObject): HealthStatus {
  if (getPath(obj, ['spec', 'suspend']) === true) return health('Suspended', `${obj.kind} is suspended`);
  const observed = getPath(obj, ['status', 'observedGeneration']);
  const generation = obj.metadata.generation;
  if (typeof observed === 'number' && typeof generation === 'number' && observed !== generation) {
    return health(
      'Progressing',
      `${obj.kind} generation is ${generation}, but latest observed generation is ${observed}`,
    );
  }
  const conditions = conditionsOf(obj);
  if (getPath(obj, ['status', 'conditions']) === undefined) return health('Progressing', 'Status unknown');
  let progressing = 0;
  let ready = false;
  let message = '';
  for (const c of conditions) {
    if (c.type === 'Ready') {
      if (c.status === 'True') ready = true;
      else if (c.status === 'Unknown') progressing++;
      message = c.reason ?? '';
    } else if (c.type === 'Reconciling' && c.status === 'True') progressing++;
  }
  if (progressing === 2) return health('Progressing', message);
  return health(ready ? 'Healthy' : 'Degraded', message);
}
