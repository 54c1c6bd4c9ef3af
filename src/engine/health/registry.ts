/**
 * Health of one live object: the registry of built-in checks (one file per kind under `kinds/`),
 * the custom CEL checks that override them, and Argo CD's rules around both (gitops-engine
 * `GetResourceHealth`): an object being deleted is Progressing "Pending deletion" unless it is a hook
 * held by the hook finalizer; a check that throws yields Unknown with the error as message; a kind
 * with no check has no health (`undefined`), which counts as success during a sync.
 */
import type { KubeObject } from '../../core/index.ts';
import { ARGO_HOOK_FINALIZER } from '../object/annotations.ts';
import { groupKindOf, groupOf } from '../object/key.ts';
import type { CustomHealthChecks } from './custom.ts';
import { apiServiceHealth } from './kinds/apiservice.ts';
import { applicationHealth } from './kinds/application.ts';
import { conditionsHealth } from './kinds/conditions.ts';
import { cronJobHealth } from './kinds/cronjob.ts';
import { daemonSetHealth } from './kinds/daemonset.ts';
import { deploymentHealth } from './kinds/deployment.ts';
import { fluxHealth } from './kinds/flux.ts';
import { hpaHealth } from './kinds/hpa.ts';
import { ingressHealth } from './kinds/ingress.ts';
import { jobHealth } from './kinds/job.ts';
import { podHealth } from './kinds/pod.ts';
import { pvcHealth } from './kinds/pvc.ts';
import { replicaSetHealth } from './kinds/replicaset.ts';
import { serviceHealth } from './kinds/service.ts';
import { statefulSetHealth } from './kinds/statefulset.ts';
import { workflowHealth } from './kinds/workflow.ts';
import { health, type HealthStatus } from './status.ts';

export type HealthCheck = (obj: KubeObject) => HealthStatus | undefined;

/** Built-in checks by `group/Kind` (`Kind` for the core group). */
export const builtinHealthChecks: ReadonlyMap<string, HealthCheck> = new Map<string, HealthCheck>([
  ['apps/Deployment', deploymentHealth],
  ['apps/StatefulSet', statefulSetHealth],
  ['apps/DaemonSet', daemonSetHealth],
  ['apps/ReplicaSet', replicaSetHealth],
  ['Pod', podHealth],
  ['Service', serviceHealth],
  ['PersistentVolumeClaim', pvcHealth],
  ['networking.k8s.io/Ingress', ingressHealth],
  ['extensions/Ingress', ingressHealth],
  ['batch/Job', jobHealth],
  ['batch/CronJob', cronJobHealth],
  ['autoscaling/HorizontalPodAutoscaler', hpaHealth],
  ['apiregistration.k8s.io/APIService', apiServiceHealth],
  ['argoproj.io/Application', applicationHealth],
  ['argoproj.io/Workflow', workflowHealth],
]);

const FLUX_GROUP = /\.toolkit\.fluxcd\.io$/;

export interface HealthOptions {
  /** Custom checks (`compileCustomHealth`), consulted before the built-ins. */
  custom: CustomHealthChecks | undefined;
  /** Fall back to the generic Ready/Available condition check for kinds without a built-in one. */
  genericConditions: boolean;
}

export const defaultHealthOptions: HealthOptions = { custom: undefined, genericConditions: true };

/** The built-in check for an object's kind, if any. */
export function healthCheckFor(
  obj: KubeObject,
  options: HealthOptions = defaultHealthOptions,
): HealthCheck | undefined {
  const gk = groupKindOf(obj);
  const builtin = builtinHealthChecks.get(gk);
  if (builtin) return builtin;
  if (FLUX_GROUP.test(groupOf(obj))) return fluxHealth;
  return options.genericConditions ? conditionsHealth : undefined;
}

export function getHealth(obj: KubeObject, options: Partial<HealthOptions> = {}): HealthStatus | undefined {
  const o = { ...defaultHealthOptions, ...options };
  if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).includes(ARGO_HOOK_FINALIZER)) {
    return health('Progressing', 'Pending deletion');
  }
  try {
    const custom = o.custom?.check(obj);
    if (custom) return custom;
    return healthCheckFor(obj, o)?.(obj);
  } catch (err) {
    return health('Unknown', err instanceof Error ? err.message : String(err));
  }
}
