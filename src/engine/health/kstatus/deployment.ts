// kstatus for apps/Deployment (cli-utils core.go deploymentConditions).
import type { KubeObject } from '../../../core/index.ts';
import { conditionsOf } from '../../object/conditions.ts';
import { intAt } from '../../object/path.ts';
import { current, failed, inProgress, type KStatusResult } from './status.ts';

const MAX_INT32 = 2147483647;

export function deploymentStatus(obj: KubeObject): KStatusResult {
  // Without a progress deadline the controller never sets NewReplicaSetAvailable; don't wait for it.
  let progressing = intAt(obj, ['spec', 'progressDeadlineSeconds'], MAX_INT32) === MAX_INT32;
  let available = false;
  for (const c of conditionsOf(obj)) {
    if (c.type === 'Progressing') {
      if (c.reason === 'ProgressDeadlineExceeded') return failed(c.reason, 'Progress deadline exceeded');
      if (c.status === 'True' && c.reason === 'NewReplicaSetAvailable') progressing = true;
    } else if (c.type === 'Available' && c.status === 'True') available = true;
  }
  const spec = intAt(obj, ['spec', 'replicas'], 1);
  const replicas = intAt(obj, ['status', 'replicas'], 0);
  const updated = intAt(obj, ['status', 'updatedReplicas'], 0);
  const ready = intAt(obj, ['status', 'readyReplicas'], 0);
  const avail = intAt(obj, ['status', 'availableReplicas'], 0);
  if (spec > replicas) return inProgress('LessReplicas', `Replicas: ${replicas}/${spec}`);
  if (spec > updated) return inProgress('LessUpdated', `Updated: ${updated}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  if (updated > avail) return inProgress('LessAvailable', `Available: ${avail}/${updated}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (!progressing) return inProgress('ReplicaSetNotAvailable', 'ReplicaSet not Available');
  if (!available) return inProgress('DeploymentNotAvailable', 'Deployment not Available');
  return current(`Deployment is available. Replicas: ${replicas}`);
}
