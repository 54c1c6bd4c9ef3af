// kstatus for apps/ReplicaSet (cli-utils core.go replicasetConditions).
import type { KubeObject } from '../../../core/index.ts';
import { hasCondition } from '../../object/conditions.ts';
import { intAt } from '../../object/path.ts';
import { current, inProgress, type KStatusResult } from './status.ts';

export function replicaSetStatus(obj: KubeObject): KStatusResult {
  if (hasCondition(obj, 'ReplicaFailure', 'True')) {
    return inProgress('ReplicaFailure', 'Replica Failure condition. Check Pods');
  }
  const spec = intAt(obj, ['spec', 'replicas'], 1);
  const replicas = intAt(obj, ['status', 'replicas'], 0);
  const ready = intAt(obj, ['status', 'readyReplicas'], 0);
  const available = intAt(obj, ['status', 'availableReplicas'], 0);
  const labelled = intAt(obj, ['status', 'fullyLabeledReplicas'], 0);
  if (spec > labelled) return inProgress('LessLabelled', `Labelled: ${labelled}/${spec}`);
  if (spec > available) return inProgress('LessAvailable', `Available: ${available}/${spec}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  return current(`ReplicaSet is available. Replicas: ${replicas}`);
}
