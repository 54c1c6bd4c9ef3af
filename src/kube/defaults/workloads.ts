import { isObject } from '../json.ts';
import { at, child, items, setDefault, setIfZero, type Obj } from './fields.ts';
import { defaultPersistentVolumeClaimSpec, defaultPodTemplate } from './pod.ts';

/**
 * Workload defaults (kubernetes `pkg/apis/apps/v1/defaults.go`, `pkg/apis/batch/v1/defaults.go`,
 * and `core/v1` ReplicationController) as a v1.31 API server applies them.
 */

export function defaultDeployment(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  setDefault(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy', true)!;
  setIfZero(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = child(strategy, 'rollingUpdate', true)!;
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(child(spec, 'template'));
}

export function defaultReplicaSet(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  setDefault(spec, 'replicas', 1);
  defaultPodTemplate(child(spec, 'template'));
}

export function defaultStatefulSet(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  setIfZero(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = child(spec, 'updateStrategy', true)!;
  if (strategy.type === undefined || strategy.type === null || strategy.type === '') {
    strategy.type = 'RollingUpdate';
    child(strategy, 'rollingUpdate', true);
  }
  const ru = child(strategy, 'rollingUpdate');
  if (strategy.type === 'RollingUpdate' && ru) setDefault(ru, 'partition', 0);
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy', true)!;
  setIfZero(retention, 'whenDeleted', 'Retain');
  setIfZero(retention, 'whenScaled', 'Retain');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(child(spec, 'template'));
  for (const claim of items(spec, 'volumeClaimTemplates')) {
    const claimSpec = child(claim, 'spec');
    if (claimSpec) defaultPersistentVolumeClaimSpec(claimSpec);
    const status = child(claim, 'status', true)!;
    setIfZero(status, 'phase', 'Pending');
  }
}

export function defaultDaemonSet(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  const strategy = child(spec, 'updateStrategy', true)!;
  setIfZero(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = child(strategy, 'rollingUpdate', true)!;
    setDefault(ru, 'maxUnavailable', 1);
    setDefault(ru, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(child(spec, 'template'));
}

/** The JobSpec defaults, shared by Jobs and CronJob job templates. */
export function defaultJobSpec(spec: Obj): void {
  if (
    (spec.completions === undefined || spec.completions === null) &&
    (spec.parallelism === undefined || spec.parallelism === null)
  ) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(
    spec,
    'backoffLimit',
    spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null ? 2147483647 : 6,
  );
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  const pfp = child(spec, 'podFailurePolicy');
  for (const rule of items(pfp, 'rules'))
    for (const cond of items(rule, 'onPodConditions')) setIfZero(cond, 'status', 'True');
  setDefault(spec, 'podReplacementPolicy', pfp ? 'Failed' : 'TerminatingOrFailed');
  setDefault(spec, 'manualSelector', false);
  defaultPodTemplate(child(spec, 'template'));
}

export function defaultJob(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  defaultJobSpec(spec);
  const templateLabels = at(spec, 'template.metadata.labels');
  const meta = child(obj, 'metadata', true)!;
  if (templateLabels && (!isObject(meta.labels) || Object.keys(meta.labels).length === 0)) {
    meta.labels = { ...templateLabels };
  }
}

export function defaultCronJob(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  setIfZero(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  const jobSpec = at(spec, 'jobTemplate.spec');
  if (jobSpec) defaultJobSpec(jobSpec);
}

export function defaultReplicationController(obj: Obj): void {
  const spec = child(obj, 'spec', true)!;
  const labels = at(spec, 'template.metadata.labels');
  if (labels) {
    if (!isObject(spec.selector) || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
    const meta = child(obj, 'metadata', true)!;
    if (!isObject(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
  }
  setDefault(spec, 'replicas', 1);
  defaultPodTemplate(child(spec, 'template'));
}
