import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { applyDefaults } from '../defaults/apply-defaults.ts';
import { applyServerSide } from './apply.ts';
import { managerFromUserAgent } from './options.ts';
import { trackUpdate } from './track-update.ts';

function clock(): () => Date {
  let t = Date.parse('2026-01-01T00:00:00Z');
  return () => {
    const d = new Date(t);
    t += 60_000;
    return d;
  };
}

function deployment(): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      },
    },
  };
  applyDefaults(obj);
  return obj;
}

function created(now: () => Date): KubeObject {
  const obj = trackUpdate({ live: undefined, object: deployment(), manager: 'kubectl-create', now }).object;
  obj.metadata.uid = 'uid-1';
  obj.metadata.resourceVersion = '1';
  return obj;
}

test('a create records what kubectl create sets, with the shape a real server writes', () => {
  const obj = created(clock());
  assert.equal(
    JSON.stringify(obj.metadata.managedFields),
    JSON.stringify([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: '2026-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:progressDeadlineSeconds': {},
            'f:replicas': {},
            'f:revisionHistoryLimit': {},
            'f:selector': {},
            'f:strategy': {
              'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} },
              'f:type': {},
            },
            'f:template': {
              'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:imagePullPolicy': {},
                    'f:name': {},
                    'f:resources': {},
                    'f:terminationMessagePath': {},
                    'f:terminationMessagePolicy': {},
                  },
                },
                'f:dnsPolicy': {},
                'f:restartPolicy': {},
                'f:schedulerName': {},
                'f:securityContext': {},
                'f:terminationGracePeriodSeconds': {},
              },
            },
          },
        },
      },
    ]),
  );
});

test('an update moves changed fields to the writer; an unchanged write is a no-op', () => {
  const now = clock();
  const live = created(now);
  const edited = structuredClone(live);
  (edited.spec as Record<string, unknown>).replicas = 3;
  const r = trackUpdate({ live, object: edited, manager: 'kubectl-edit', now });
  assert.equal(r.changed, true);
  const [first, second] = r.object.metadata.managedFields!;
  assert.equal(first!.manager, 'kubectl-create');
  assert.ok(!JSON.stringify(first!.fieldsV1).includes('f:replicas'));
  assert.deepEqual(
    [second!.manager, second!.time, second!.fieldsV1],
    ['kubectl-edit', '2026-01-01T00:01:00Z', { 'f:spec': { 'f:replicas': {} } }],
  );
  const again = trackUpdate({
    live: r.object,
    object: structuredClone(r.object),
    manager: 'kubectl-edit',
    now,
  });
  assert.equal(again.changed, false);
  assert.deepEqual(again.object, r.object);
});

test('status writes are recorded per subresource and do not touch spec owners', () => {
  const now = clock();
  const live = created(now);
  const withStatus = structuredClone(live);
  withStatus.status = { replicas: 1, readyReplicas: 1 };
  const r = trackUpdate({
    live,
    object: withStatus,
    manager: 'kube-controller-manager',
    subresource: 'status',
    now,
  });
  const entry = r.object.metadata.managedFields!.find((e) => e.subresource === 'status');
  assert.deepEqual(entry, {
    manager: 'kube-controller-manager',
    operation: 'Update',
    apiVersion: 'apps/v1',
    time: '2026-01-01T00:01:00Z',
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:status': { 'f:readyReplicas': {}, 'f:replicas': {} } },
    subresource: 'status',
  });
  // The same write through the main resource is not tracked: status is reset there.
  const main = trackUpdate({ live, object: withStatus, manager: 'someone', now });
  assert.ok(!JSON.stringify(main.object.metadata.managedFields).includes('f:status'));
});

test('a request may replace or clear managedFields; cleared objects stay untracked until an apply', () => {
  const now = clock();
  const live = created(now);
  const cleared = trackUpdate({
    live,
    object: { ...structuredClone(live), metadata: { ...live.metadata, managedFields: [{}] } },
    manager: 'x',
    now,
  });
  assert.equal(cleared.object.metadata.managedFields, undefined);
  const alsoCleared = trackUpdate({
    live,
    object: { ...structuredClone(live), metadata: { ...live.metadata, managedFields: [] } },
    manager: 'x',
    now,
  });
  assert.equal(alsoCleared.object.metadata.managedFields, undefined);
  const edited = structuredClone(cleared.object);
  (edited.spec as Record<string, unknown>).replicas = 2;
  const untracked = trackUpdate({ live: cleared.object, object: edited, manager: 'kubectl-edit', now });
  assert.equal(untracked.object.metadata.managedFields, undefined);
  // A request carrying its own entries (what kubectl sends when moving to server-side apply) wins.
  const replacement = [
    {
      manager: 'kubectl',
      operation: 'Apply' as const,
      apiVersion: 'apps/v1',
      fieldsType: 'FieldsV1' as const,
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    },
  ];
  const replaced = trackUpdate({
    live,
    object: { ...structuredClone(live), metadata: { ...live.metadata, managedFields: replacement } },
    manager: 'kubectl',
    now,
  });
  assert.deepEqual(replaced.object.metadata.managedFields, replacement);
});

test('entries sort Apply before Update, then by time and name', () => {
  const now = clock();
  let live = created(now);
  live = applyServerSide({
    live,
    config: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { paused: true } },
    manager: 'zz-applier',
    now,
  }).object;
  const edited = structuredClone(live);
  (edited.metadata.labels as Record<string, string>).extra = 'y';
  live = trackUpdate({ live, object: edited, manager: 'aa-labeler', now }).object;
  assert.deepEqual(
    live.metadata.managedFields!.map((e) => `${e.operation}:${e.manager}`),
    ['Apply:zz-applier', 'Update:kubectl-create', 'Update:aa-labeler'],
  );
});

test('more than ten update managers fold the oldest into ancient-changes', () => {
  const now = clock();
  let live = created(now);
  for (let i = 0; i < 11; i++) {
    const edited = structuredClone(live);
    (edited.metadata.labels as Record<string, string>)[`k${i}`] = 'v';
    live = trackUpdate({ live, object: edited, manager: `writer-${String(i).padStart(2, '0')}`, now }).object;
  }
  const managers = live.metadata.managedFields!.map((e) => e.manager);
  assert.equal(managers.length, 10);
  assert.ok(managers.includes('ancient-changes'));
  assert.ok(!managers.includes('kubectl-create'));
  assert.ok(!managers.includes('writer-00'));
  const ancient = live.metadata.managedFields!.find((e) => e.manager === 'ancient-changes')!;
  assert.ok(JSON.stringify(ancient.fieldsV1).includes('f:k0'));
  assert.ok(JSON.stringify(ancient.fieldsV1).includes('f:progressDeadlineSeconds'));
});

test('the manager of a write without fieldManager is the User-Agent prefix', () => {
  assert.equal(managerFromUserAgent('kubectl/v1.31.9 (linux/amd64) kubernetes/abc'), 'kubectl');
  assert.equal(managerFromUserAgent('Go-http-client/1.1'), 'Go-http-client');
  assert.equal(managerFromUserAgent('a\u0007b/1'), 'ab');
  assert.equal(managerFromUserAgent('x'.repeat(200)).length, 128);
});
