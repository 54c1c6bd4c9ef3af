// kstatus for apps/DaemonSet (cli-utils core.go daemonsetConditions): needs generation and observedGeneration.
import type { KubeObject } from '../../../core/index.ts';
import { getPath, intAt } from '../../object/path.ts';
import { current, inProgress, type KStatusResult } from './status.ts';

export function daemonSetStatus(obj: KubeObject): KStatusResult {
  if (typeof obj.metadata.generation !== 'number') {
    return inProgress('NoGeneration', `${obj.kind} metadata.generation not found`);
  }
  if (typeof getPath(obj, ['status', 'observedGeneration']) !== 'number') {
    return inProgress('NoObservedGeneration', `${obj.kind} status.observedGeneration not found`);
  }
  const desired = intAt(obj, ['status', 'desiredNumberScheduled'], -1);
  const scheduled = intAt(obj, ['status', 'currentNumberScheduled'], 0);
  const updated = intAt(obj, ['status', 'updatedNumberScheduled'], 0);
  const available = intAt(obj, ['status', 'numberAvailable'], 0);
  const ready = intAt(obj, ['status', 'numberReady'], 0);
  if (desired === -1) return inProgress('NoDesiredNumber', 'Missing .status.desiredNumberScheduled');
  if (desired > scheduled) return inProgress('LessCurrent', `Current: ${scheduled}/${desired}`);
  if (desired > updated) return inProgress('LessUpdated', `Updated: ${updated}/${desired}`);
  if (desired > available) return inProgress('LessAvailable', `Available: ${available}/${desired}`);
  if (desired > ready) return inProgress('LessReady', `Ready: ${ready}/${desired}`);
  return current(`All replicas scheduled as expected. Replicas: ${desired}`);
}
