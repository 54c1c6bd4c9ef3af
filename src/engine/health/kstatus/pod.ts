/**
 * kstatus for Pods (cli-utils core.go podConditions). A Pod that finished, even unsuccessfully, is
 * Current (it reached its end state); a crash-looping one is Failed; an unschedulable one is
 * Failed only after a 15 s grace period, so `now` is a parameter.
 */
import type { KubeObject } from '../../../core/index.ts';
import { conditionsOf, hasCondition } from '../../object/conditions.ts';
import { getPath, isObject, stringAt } from '../../object/path.ts';
import { current, failed, inProgress, type KStatusResult } from './status.ts';

export const SCHEDULE_WINDOW_MS = 15_000;

function crashLooping(obj: KubeObject): string[] {
  const list = getPath(obj, ['status', 'containerStatuses']);
  if (!Array.isArray(list)) return [];
  return list
    .filter(isObject)
    .filter((c) => getPath(c, ['state', 'waiting', 'reason']) === 'CrashLoopBackOff')
    .map((c) => stringAt(c, ['name']));
}

export function podStatus(obj: KubeObject, now: number): KStatusResult {
  const phase = stringAt(obj, ['status', 'phase']);
  switch (phase) {
    case 'Succeeded':
      return current('Pod has completed successfully');
    case 'Failed':
      return current('Pod has completed, but not successfully');
    case 'Running': {
      if (hasCondition(obj, 'Ready', 'True')) return current('Pod is Ready');
      const looping = crashLooping(obj);
      if (looping.length > 0) {
        return failed('ContainerCrashLooping', `Containers in CrashLoop state: ${looping.join(',')}`);
      }
      return inProgress('PodRunningNotReady', 'Pod is running but is not Ready');
    }
    case 'Pending': {
      const c = conditionsOf(obj).find((x) => x.type === 'PodScheduled' && x.status === 'False');
      if (c?.reason === 'Unschedulable') {
        const created = Date.parse(obj.metadata.creationTimestamp ?? '');
        if (Number.isFinite(created) && now - SCHEDULE_WINDOW_MS < created) {
          return inProgress('PodNotScheduled', 'Pod has not been scheduled');
        }
        return failed('PodUnschedulable', 'Pod could not be scheduled');
      }
      return inProgress('PodPending', 'Pod is in the Pending phase');
    }
    case '':
      return inProgress('PodNotObserved', 'Pod phase not available');
    default:
      throw new Error(`unknown phase ${phase}`);
  }
}
