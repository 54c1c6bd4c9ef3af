// kstatus rules every kind goes through first (cli-utils generic.go), and the Ready fallback (status.go).
import type { KubeObject } from '../../../core/index.ts';
import { conditionsOf } from '../../object/conditions.ts';
import { getPath } from '../../object/path.ts';
import { current, failed, inProgress, type KStatusResult } from './status.ts';

export function genericStatus(obj: KubeObject): KStatusResult | undefined {
  if (obj.metadata.deletionTimestamp)
    return { status: 'Terminating', message: 'Resource scheduled for deletion' };
  const generation = obj.metadata.generation;
  const observed = getPath(obj, ['status', 'observedGeneration']);
  if (typeof generation === 'number' && typeof observed === 'number' && observed !== generation) {
    return inProgress(
      'LatestGenerationNotObserved',
      `${obj.kind} generation is ${generation}, but latest observed generation is ${observed}`,
    );
  }
  for (const c of conditionsOf(obj)) {
    if (c.type === 'Reconciling' && c.status === 'True') return inProgress(c.reason ?? '', c.message ?? '');
    if (c.type === 'Stalled' && c.status === 'True') return failed(c.reason ?? '', c.message ?? '');
  }
  return undefined;
}

/** Custom resources: Ready=True is Current, Ready False/Unknown is InProgress, no Ready is Current. */
export function readyStatus(obj: KubeObject): KStatusResult {
  for (const c of conditionsOf(obj)) {
    if (c.type !== 'Ready') continue;
    if (c.status === 'True') return current('Resource is Ready');
    if (c.status === 'False' || c.status === 'Unknown') return inProgress(c.reason ?? '', c.message ?? '');
  }
  return current('Resource is current');
}
