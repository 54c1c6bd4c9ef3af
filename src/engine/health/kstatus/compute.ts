/**
 * `computeStatus`: kstatus `Compute` for one object, as Flux uses it to wait for health. CEL
 * expressions configured for the kind replace the rules entirely (as Flux's CEL status reader does);
 * otherwise the generic rules run first, then the kind's rules, then the Ready condition, and an
 * object with none of those is Current (kstatus's deliberate "absent means ready").
 */
import type { KubeObject } from '../../../core/index.ts';
import { groupKindOf } from '../../object/key.ts';
import type { FluxHealthChecks } from './cel.ts';
import { daemonSetStatus } from './daemonset.ts';
import { deploymentStatus } from './deployment.ts';
import { genericStatus, readyStatus } from './generic.ts';
import { jobStatus } from './job.ts';
import { podStatus } from './pod.ts';
import { replicaSetStatus } from './replicaset.ts';
import { alwaysReady, crdStatus, pdbStatus, pvcStatus, serviceStatus } from './simple.ts';
import { statefulSetStatus } from './statefulset.ts';
import type { KStatusResult } from './status.ts';

type Rule = (obj: KubeObject, now: number) => KStatusResult;

const rules = new Map<string, Rule>([
  ['Service', serviceStatus],
  ['Pod', podStatus],
  ['Secret', alwaysReady],
  ['ConfigMap', alwaysReady],
  ['PersistentVolumeClaim', pvcStatus],
  ['apps/StatefulSet', statefulSetStatus],
  ['apps/DaemonSet', daemonSetStatus],
  ['extensions/DaemonSet', daemonSetStatus],
  ['apps/Deployment', deploymentStatus],
  ['extensions/Deployment', deploymentStatus],
  ['apps/ReplicaSet', replicaSetStatus],
  ['extensions/ReplicaSet', replicaSetStatus],
  ['policy/PodDisruptionBudget', pdbStatus],
  ['batch/CronJob', alwaysReady],
  ['batch/Job', jobStatus],
  ['apiextensions.k8s.io/CustomResourceDefinition', crdStatus],
]);

export interface KStatusOptions {
  /** Milliseconds since the epoch; only Pods' scheduling grace period reads it. */
  now: number;
  /** Flux `healthCheckExprs`, compiled. */
  cel: FluxHealthChecks | undefined;
}

export const defaultKStatusOptions: KStatusOptions = { now: 0, cel: undefined };

export function computeStatus(
  obj: KubeObject | undefined,
  options: Partial<KStatusOptions> = {},
): KStatusResult {
  if (!obj) return { status: 'NotFound', message: 'Resource not found' };
  const now = options.now ?? Date.now();
  try {
    const byCel = options.cel?.evaluate(obj);
    if (byCel) return byCel;
    const generic = genericStatus(obj);
    if (generic) return generic;
    const rule = rules.get(groupKindOf(obj));
    return rule ? rule(obj, now) : readyStatus(obj);
  } catch (err) {
    return { status: 'Unknown', message: err instanceof Error ? err.message : String(err) };
  }
}
