// kstatus for apps/StatefulSet (cli-utils core.go stsConditions). It never reports Failed.
import type { KubeObject } from '../../../core/index.ts';
import { intAt, stringAt } from '../../object/path.ts';
import { current, inProgress, type KStatusResult } from './status.ts';

export function statefulSetStatus(obj: KubeObject): KStatusResult {
  if (stringAt(obj, ['spec', 'updateStrategy', 'type']) === 'OnDelete') {
    return current('StatefulSet is using the ondelete update strategy');
  }
  const spec = intAt(obj, ['spec', 'replicas'], 1);
  const ready = intAt(obj, ['status', 'readyReplicas'], 0);
  const currentReplicas = intAt(obj, ['status', 'currentReplicas'], 0);
  const updated = intAt(obj, ['status', 'updatedReplicas'], 0);
  const replicas = intAt(obj, ['status', 'replicas'], 0);
  const partition = intAt(obj, ['spec', 'updateStrategy', 'rollingUpdate', 'partition'], -1);
  if (spec > replicas) return inProgress('LessReplicas', `Replicas: ${replicas}/${spec}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  if (partition !== -1) {
    if (updated < spec - partition)
      return inProgress('PartitionRollout', `updated: ${updated}/${spec - partition}`);
    return current(`Partition rollout complete. updated: ${updated}`);
  }
  if (spec > currentReplicas) return inProgress('LessCurrent', `current: ${currentReplicas}/${spec}`);
  if (stringAt(obj, ['status', 'currentRevision']) !== stringAt(obj, ['status', 'updateRevision'])) {
    return inProgress('RevisionMismatch', 'Waiting for updated revision to match current');
  }
  return current(`All replicas scheduled as expected. Replicas: ${replicas}`);
}
