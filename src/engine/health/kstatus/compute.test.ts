// kstatus of the same fixtures as the Argo CD table: what `flux` waits for with `wait: true`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from '../../../core/index.ts';
import { computeStatus } from './compute.ts';
import type { KStatus } from './status.ts';

function fixture(name: string): KubeObject {
  return parse(
    readFileSync(join(import.meta.dirname, '..', 'testdata', `${name}.yaml`), 'utf8'),
  ) as KubeObject;
}

const LATER = Date.parse('2026-01-01T01:00:00Z');

type Row = [fixture: string, status: KStatus, message: string, reason?: string];

const rows: Row[] = [
  ['deployment-healthy', 'Current', 'Deployment is available. Replicas: 3'],
  ['deployment-progressing', 'InProgress', 'Updated: 1/3', 'LessUpdated'],
  ['deployment-old-replicas', 'InProgress', 'Pending termination: 1', 'ExtraPods'],
  ['deployment-unavailable', 'InProgress', 'Available: 2/3', 'LessAvailable'],
  ['deployment-degraded', 'Failed', 'Progress deadline exceeded', 'ProgressDeadlineExceeded'],
  [
    'deployment-unobserved',
    'InProgress',
    'Deployment generation is 3, but latest observed generation is 2',
    'LatestGenerationNotObserved',
  ],
  ['statefulset-healthy', 'Current', 'All replicas scheduled as expected. Replicas: 3'],
  ['statefulset-progressing', 'InProgress', 'Ready: 1/3', 'LessReady'],
  ['statefulset-revision-mismatch', 'InProgress', 'current: 2/3', 'LessCurrent'],
  ['statefulset-ondelete', 'Current', 'StatefulSet is using the ondelete update strategy'],
  ['statefulset-partition-progressing', 'InProgress', 'updated: 0/2', 'PartitionRollout'],
  ['statefulset-partition-complete', 'Current', 'Partition rollout complete. updated: 2'],
  ['daemonset-healthy', 'Current', 'All replicas scheduled as expected. Replicas: 4'],
  ['daemonset-progressing', 'InProgress', 'Updated: 2/4', 'LessUpdated'],
  ['daemonset-unavailable', 'InProgress', 'Available: 3/4', 'LessAvailable'],
  ['daemonset-ondelete', 'InProgress', 'Updated: 1/4', 'LessUpdated'],
  ['replicaset-healthy', 'Current', 'ReplicaSet is available. Replicas: 2'],
  ['replicaset-progressing', 'InProgress', 'Available: 1/2', 'LessAvailable'],
  ['replicaset-degraded', 'InProgress', 'Replica Failure condition. Check Pods', 'ReplicaFailure'],
  ['pod-running-ready', 'Current', 'Pod is Ready'],
  ['pod-running-not-ready', 'InProgress', 'Pod is running but is not Ready', 'PodRunningNotReady'],
  ['pod-pending', 'InProgress', 'Pod is in the Pending phase', 'PodPending'],
  ['pod-unschedulable', 'Failed', 'Pod could not be scheduled', 'PodUnschedulable'],
  ['pod-crashloop', 'Failed', 'Containers in CrashLoop state: web', 'ContainerCrashLooping'],
  ['pod-failed', 'Current', 'Pod has completed, but not successfully'],
  ['pod-succeeded', 'Current', 'Pod has completed successfully'],
  ['pod-deleting', 'Terminating', 'Resource scheduled for deletion'],
  ['service-clusterip', 'Current', 'Service is ready'],
  ['service-loadbalancer-pending', 'Current', 'Service is ready'],
  [
    'service-loadbalancer-no-clusterip',
    'InProgress',
    'ClusterIP not set. Service type: LoadBalancer',
    'NoIPAssigned',
  ],
  ['ingress-pending', 'Current', 'Resource is current'],
  ['pvc-bound', 'Current', 'PVC is Bound'],
  ['pvc-lost', 'InProgress', 'PVC is not Bound. phase: Lost', 'NotBound'],
  ['job-running', 'InProgress', 'Job in progress. success:0, active: 1, failed: 0', 'JobInProgress'],
  ['job-not-started', 'InProgress', 'Job not started. active: 0/1', 'JobNotStarted'],
  ['job-succeeded', 'Current', 'Job Completed. succeeded: 1/1'],
  ['job-failed', 'Failed', 'Job Failed. failed: 3/1', 'JobFailed'],
  ['job-suspended', 'Current', 'Job is suspended'],
  ['cronjob-degraded', 'Current', 'Resource is always ready'],
  ['configmap', 'Current', 'Resource is always ready'],
  ['kustomization-ready', 'Current', 'Resource is Ready'],
  ['kustomization-failed', 'Failed', 'kustomize build failed: accumulating resources', 'BuildFailed'],
  ['kustomization-progressing', 'InProgress', 'Reconciliation in progress', 'Progressing'],
  [
    'helmrelease-unobserved',
    'InProgress',
    'HelmRelease generation is 3, but latest observed generation is 2',
    'LatestGenerationNotObserved',
  ],
  ['certificate-not-ready', 'InProgress', 'Issuing certificate as Secret does not exist', 'DoesNotExist'],
  // kstatus ignores a condition's own observedGeneration: the reason healthCheckExprs exist.
  ['certificate-unobserved', 'Current', 'Resource is Ready'],
  ['widget-no-conditions', 'Current', 'Resource is current'],
  ['crd-established', 'Current', 'CRD is established'],
  ['crd-names-conflict', 'Failed', '"widgets" is already in use', 'PluralConflict'],
  ['crd-installing', 'InProgress', 'Install in progress', 'Installing'],
];

for (const [name, status, message, reason] of rows) {
  test(`kstatus of ${name} is ${status}`, () => {
    const r = computeStatus(fixture(name), { now: LATER });
    assert.equal(r.status, status);
    assert.equal(r.message, message);
    assert.equal(r.reason, reason);
  });
}

test('an unschedulable Pod gets 15 seconds before it counts as Failed', () => {
  const created = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(computeStatus(fixture('pod-unschedulable'), { now: created + 5_000 }).status, 'InProgress');
  assert.equal(computeStatus(fixture('pod-unschedulable'), { now: created + 20_000 }).status, 'Failed');
});

test('an absent object is NotFound and an unknown Pod phase is Unknown', () => {
  assert.equal(computeStatus(undefined).status, 'NotFound');
  const pod = fixture('pod-pending');
  (pod['status'] as Record<string, unknown>)['phase'] = 'Weird';
  assert.deepEqual(computeStatus(pod), { status: 'Unknown', message: 'unknown phase Weird' });
});
