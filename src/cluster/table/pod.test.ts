import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { podPrinter } from './pod.ts';

const now = Date.parse('2024-01-01T12:00:00Z');
const created = '2024-01-01T11:00:00Z';

function pod(
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  meta: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', creationTimestamp: created, ...meta },
    spec,
    status,
  };
}

const oneContainer = { containers: [{ name: 'app' }] };
/** NAME, READY, STATUS, RESTARTS, AGE */
const row = (p: KubeObject) => podPrinter.cells(p, now).slice(0, 5);

test('a running, ready pod', () => {
  const p = pod(oneContainer, {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [
      { name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: created } } },
    ],
    podIPs: [{ ip: '10.0.0.5' }],
  });
  assert.deepEqual(row(p), ['p', '1/1', 'Running', '0', '60m']);
  assert.deepEqual(podPrinter.cells(p, now).slice(5), ['10.0.0.5', '<none>', '<none>', '<none>']);
});

test('a freshly created pod is Pending with 0/N ready', () => {
  assert.deepEqual(row(pod({ containers: [{ name: 'a' }, { name: 'b' }] }, { phase: 'Pending' })), [
    'p',
    '0/2',
    'Pending',
    '0',
    '60m',
  ]);
});

test('image pull failures show the waiting reason', () => {
  const p = pod(oneContainer, {
    phase: 'Pending',
    containerStatuses: [
      { name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
    ],
  });
  assert.deepEqual(row(p), ['p', '0/1', 'ImagePullBackOff', '0', '60m']);
  const err = pod(oneContainer, {
    phase: 'Pending',
    containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ErrImagePull' } } }],
  });
  assert.equal(row(err)[2], 'ErrImagePull');
});

test("a crash-looping container shows CrashLoopBackOff and its restarts with the last restart's age", () => {
  const p = pod(oneContainer, {
    phase: 'Running',
    containerStatuses: [
      {
        name: 'app',
        ready: false,
        restartCount: 4,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2024-01-01T11:58:00Z' } },
      },
    ],
  });
  assert.deepEqual(row(p), ['p', '0/1', 'CrashLoopBackOff', '4 (2m ago)', '60m']);
});

test('finished containers: Completed, Error, exit codes and signals', () => {
  const term = (t: Record<string, unknown>, phase = 'Failed') =>
    row(pod(oneContainer, { phase, containerStatuses: [{ name: 'app', state: { terminated: t } }] }))[2];
  assert.equal(term({ exitCode: 0, reason: 'Completed' }, 'Succeeded'), 'Completed');
  assert.equal(term({ exitCode: 1, reason: 'Error' }), 'Error');
  assert.equal(term({ exitCode: 3 }), 'ExitCode:3');
  assert.equal(term({ exitCode: 137, signal: 9 }), 'Signal:9');
  const done = pod(oneContainer, { phase: 'Succeeded' });
  assert.deepEqual(podPrinter.conditions?.(done), [
    {
      type: 'Completed',
      status: 'True',
      reason: 'Succeeded',
      message: 'The pod has completed successfully.',
    },
  ]);
});

test('init containers: progress, failures and waiting reasons', () => {
  const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'app' }] };
  const at = (initContainerStatuses: unknown[]) =>
    row(pod(spec, { phase: 'Pending', initContainerStatuses }))[2];
  assert.equal(
    at([
      { name: 'i1', state: { terminated: { exitCode: 0 } } },
      { name: 'i2', state: { running: {} } },
    ]),
    'Init:1/2',
  );
  assert.equal(
    at([{ name: 'i1', state: { waiting: { reason: 'CrashLoopBackOff' } }, restartCount: 2 }]),
    'Init:CrashLoopBackOff',
  );
  assert.equal(at([{ name: 'i1', state: { terminated: { exitCode: 2 } } }]), 'Init:ExitCode:2');
  assert.equal(at([{ name: 'i1', state: { waiting: { reason: 'PodInitializing' } } }]), 'Init:0/2');
});

test('sidecars (restartable init containers) count towards READY', () => {
  const spec = {
    initContainers: [{ name: 'proxy', restartPolicy: 'Always' }],
    containers: [{ name: 'app' }],
  };
  const p = pod(spec, {
    phase: 'Running',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
    ],
    initContainerStatuses: [{ name: 'proxy', started: true, ready: true, state: { running: {} } }],
    containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }],
  });
  assert.deepEqual(row(p).slice(1, 3), ['2/2', 'Running']);
});

test('a pod being deleted shows Terminating unless it already finished', () => {
  const running = pod(oneContainer, { phase: 'Running' }, { deletionTimestamp: '2024-01-01T11:59:00Z' });
  assert.equal(row(running)[2], 'Terminating');
  const done = pod(oneContainer, { phase: 'Succeeded' }, { deletionTimestamp: '2024-01-01T11:59:00Z' });
  assert.equal(row(done)[2], 'Succeeded');
});

test('readiness gates count in -o wide', () => {
  const p = pod(
    { containers: [{ name: 'a' }], readinessGates: [{ conditionType: 'x' }, { conditionType: 'y' }] },
    {
      phase: 'Running',
      conditions: [
        { type: 'x', status: 'True' },
        { type: 'y', status: 'False' },
      ],
    },
  );
  assert.equal(podPrinter.cells(p, now)[8], '1/2');
});
