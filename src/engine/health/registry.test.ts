// One fixture per state (testdata/<kind>-<state>.yaml), one row per fixture: the Argo CD health
// status and message a user sees in the UI for that object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from '../../core/index.ts';
import { getHealth } from './registry.ts';
import type { HealthStatusCode } from './status.ts';

function fixture(name: string): KubeObject {
  return parse(readFileSync(join(import.meta.dirname, 'testdata', `${name}.yaml`), 'utf8')) as KubeObject;
}

type Row = [fixture: string, status: HealthStatusCode | undefined, message?: string | RegExp];

const rows: Row[] = [
  ['deployment-healthy', 'Healthy'],
  [
    'deployment-progressing',
    'Progressing',
    'Waiting for rollout to finish: 1 out of 3 new replicas have been updated...',
  ],
  [
    'deployment-old-replicas',
    'Progressing',
    'Waiting for rollout to finish: 1 old replicas are pending termination...',
  ],
  [
    'deployment-unavailable',
    'Progressing',
    'Waiting for rollout to finish: 2 of 3 updated replicas are available...',
  ],
  ['deployment-degraded', 'Degraded', 'Deployment "web" exceeded its progress deadline'],
  ['deployment-suspended', 'Suspended', 'Deployment is paused'],
  [
    'deployment-unobserved',
    'Progressing',
    'Waiting for rollout to finish: observed deployment generation less than desired generation',
  ],
  ['statefulset-healthy', 'Healthy', 'statefulset rolling update complete 3 pods at revision db-7b9...'],
  ['statefulset-progressing', 'Progressing', 'Waiting for 2 pods to be ready...'],
  [
    'statefulset-revision-mismatch',
    'Progressing',
    'waiting for statefulset rolling update to complete 1 pods at revision db-8c1...',
  ],
  ['statefulset-unobserved', 'Progressing', 'Waiting for statefulset spec update to be observed...'],
  ['statefulset-ondelete', 'Healthy', 'statefulset has 3 ready pods'],
  [
    'statefulset-partition-progressing',
    'Progressing',
    'Waiting for partitioned roll out to finish: 0 out of 2 new pods have been updated...',
  ],
  [
    'statefulset-partition-complete',
    'Healthy',
    'partitioned roll out complete: 2 new pods have been updated...',
  ],
  ['daemonset-healthy', 'Healthy'],
  [
    'daemonset-progressing',
    'Progressing',
    'Waiting for daemon set "agent" rollout to finish: 2 out of 4 new pods have been updated...',
  ],
  [
    'daemonset-unavailable',
    'Progressing',
    'Waiting for daemon set "agent" rollout to finish: 3 of 4 updated pods are available...',
  ],
  [
    'daemonset-unobserved',
    'Progressing',
    'Waiting for rollout to finish: observed daemon set generation less than desired generation',
  ],
  ['daemonset-ondelete', 'Healthy', 'daemon set 1 out of 4 new pods have been updated'],
  ['replicaset-healthy', 'Healthy'],
  [
    'replicaset-progressing',
    'Progressing',
    'Waiting for rollout to finish: 1 out of 2 new replicas are available...',
  ],
  ['replicaset-degraded', 'Degraded', /exceeded quota: compute/],
  ['pod-running-ready', 'Healthy'],
  ['pod-running-not-ready', 'Progressing'],
  ['pod-running-restarted', 'Degraded', 'container web restarted'],
  ['pod-running-restart-never', 'Progressing'],
  ['pod-pending', 'Progressing'],
  ['pod-unschedulable', 'Progressing'],
  ['pod-imagepullbackoff', 'Degraded', 'Back-off pulling image "nginx:does-not-exist"'],
  ['pod-crashloop', 'Degraded', 'back-off 2m40s restarting failed container=web pod=web-5d8c-x7k2p_shop'],
  ['pod-hook-imagepullbackoff', 'Progressing'],
  ['pod-ignore-restart-policy', 'Degraded', 'secret "creds" not found'],
  ['pod-failed', 'Degraded', "Pod was rejected: Node didn't have enough resource: memory"],
  ['pod-failed-oomkilled', 'Degraded', 'OOMKilled'],
  ['pod-failed-exit-code', 'Degraded', 'container "migrate" failed with exit code 3'],
  ['pod-succeeded', 'Healthy'],
  ['pod-deleting', 'Progressing', 'Pending deletion'],
  ['pod-hook-deleting', 'Healthy'],
  ['service-clusterip', 'Healthy'],
  ['service-loadbalancer-pending', 'Progressing'],
  ['service-loadbalancer-no-clusterip', 'Progressing'],
  ['service-loadbalancer-ready', 'Healthy'],
  ['ingress-pending', 'Progressing'],
  ['ingress-ready', 'Healthy'],
  ['pvc-bound', 'Healthy'],
  ['pvc-pending', 'Progressing'],
  ['pvc-lost', 'Degraded'],
  ['job-running', 'Progressing'],
  ['job-not-started', 'Progressing'],
  ['job-succeeded', 'Healthy'],
  ['job-failed', 'Degraded', 'Job has reached the specified backoff limit'],
  ['job-suspended', 'Suspended'],
  ['cronjob-suspended', 'Suspended', 'CronJob is Suspended'],
  ['cronjob-no-status', 'Progressing', 'Waiting for CronJob'],
  ['cronjob-never-scheduled', 'Healthy', 'CronJob has not been scheduled yet'],
  ['cronjob-never-succeeded', 'Healthy', 'The Cronjob never completed succesfully. It may not be healthy'],
  ['cronjob-running', 'Healthy', 'The job is running. Its last execution may not have been successful'],
  ['cronjob-degraded', 'Degraded', 'CronJob has not completed its last execution successfully'],
  ['cronjob-healthy', 'Healthy', 'CronJob has completed its last execution successfully'],
  ['hpa-v2-healthy', 'Healthy', 'recommended size matches current size'],
  ['hpa-v2-degraded', 'Degraded', 'deployments/scale.apps "web" not found'],
  ['hpa-v2-progressing', 'Progressing', 'Waiting to Autoscale'],
  ['hpa-v1-healthy', 'Healthy', 'the HPA controller was able to update the target scale to 4'],
  ['hpa-v1-no-annotation', 'Progressing', 'Waiting to Autoscale'],
  ['hpa-v1-bad-annotation', 'Unknown', /^failed to convert conditions annotation to typed: /],
  ['apiservice-available', 'Healthy', 'Passed: all checks passed'],
  [
    'apiservice-unavailable',
    'Progressing',
    'MissingEndpoints: endpoints for service/metrics-server in "kube-system" have no addresses',
  ],
  ['apiservice-unprocessed', 'Progressing', 'Waiting to be processed'],
  ['application-healthy', 'Healthy'],
  ['application-degraded', 'Degraded', 'Deployment "web" exceeded its progress deadline'],
  ['application-no-status', 'Progressing'],
  ['workflow-running', 'Progressing'],
  ['workflow-failed', 'Degraded', "child 'build-x1-123' failed"],
  ['kustomization-ready', 'Healthy', 'ReconciliationSucceeded'],
  ['kustomization-failed', 'Degraded', 'BuildFailed'],
  ['kustomization-progressing', 'Progressing', 'Progressing'],
  ['kustomization-suspended', 'Suspended', 'Kustomization is suspended'],
  [
    'helmrelease-unobserved',
    'Progressing',
    'HelmRelease generation is 3, but latest observed generation is 2',
  ],
  ['gitrepository-no-conditions', 'Progressing', 'Status unknown'],
  ['certificate-ready', 'Healthy', 'Certificate is up to date and has not expired'],
  ['certificate-not-ready', 'Degraded', 'Issuing certificate as Secret does not exist'],
  ['certificate-unobserved', 'Progressing', 'Waiting for Certificate generation 3 to be observed (at 2)'],
  ['widget-available-unknown', 'Progressing', 'probing backends'],
  ['widget-no-conditions', undefined],
  ['configmap', undefined],
  ['crd-established', undefined],
];

for (const [name, status, message] of rows) {
  test(`health of ${name} is ${status ?? 'none'}`, () => {
    const h = getHealth(fixture(name));
    assert.equal(h?.status, status);
    if (message instanceof RegExp) assert.match(h?.message ?? '', message);
    else if (message !== undefined) assert.equal(h?.message, message);
  });
}

test('every fixture in testdata has a row in a table', () => {
  const names = new Set(rows.map((r) => r[0]));
  const kstatusOnly = new Set(['crd-names-conflict', 'crd-installing']);
  for (const f of readdirSync(join(import.meta.dirname, 'testdata'))) {
    const n = f.replace(/\.yaml$/, '');
    assert.ok(names.has(n) || kstatusOnly.has(n), `${f} is not tested`);
  }
});

test('the generic conditions check can be switched off', () => {
  assert.equal(getHealth(fixture('certificate-ready'), { genericConditions: false }), undefined);
});
