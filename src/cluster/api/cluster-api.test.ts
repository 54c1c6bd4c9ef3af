import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../core/index.ts';
import { ApiError } from '../errors.ts';
import { startCluster, type RunningCluster } from '../start.ts';
import type { ClusterApi, WatchEvent } from './types.ts';

// The in-process API runs the same write path as HTTP; these tests pin its semantics without
// the cost of HTTP. Each test uses its own namespace.
let cluster: RunningCluster;
let api: ClusterApi;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'capstan-api-'));
  cluster = await startCluster({ signal: new AbortController().signal, dataDir: dir, tls: false });
  api = cluster.api;
});
after(async () => {
  await cluster.close();
  rmSync(dir, { recursive: true, force: true });
});

const NS = { apiVersion: 'v1', kind: 'Namespace' };
const CM = { apiVersion: 'v1', kind: 'ConfigMap' };
const DEPLOY = { apiVersion: 'apps/v1', kind: 'Deployment' };

async function namespace(name: string): Promise<string> {
  await api.create({ ...NS, metadata: { name } });
  return name;
}

const deployment = (ns: string, name: string, replicas = 1): KubeObject => ({
  ...DEPLOY,
  metadata: { name, namespace: ns },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

function apiError(code: number, reason?: string, message?: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.httpCode, code, err.message);
    if (reason) assert.equal(err.reason, reason);
    if (message) assert.match(err.status.message ?? '', message);
    return true;
  };
}

test('create fills in uid, creationTimestamp, resourceVersion and (for workloads) generation', async () => {
  const ns = await namespace('create');
  const d = await api.create(deployment(ns, 'web'));
  assert.match(d.metadata.uid ?? '', /^[0-9a-f-]{36}$/);
  assert.match(d.metadata.creationTimestamp ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(d.metadata.generation, 1);
  assert.equal(Number(d.metadata.resourceVersion), Number(api.resourceVersion));
  const cm = await api.create({
    ...CM,
    metadata: { name: 'c', namespace: ns, generation: 7 },
    data: { a: 'b' },
  });
  assert.equal(cm.metadata.generation, undefined, 'ConfigMaps have no generation');
  await assert.rejects(
    api.create({ ...CM, metadata: { name: 'c', namespace: ns } }),
    apiError(409, 'AlreadyExists', /configmaps "c" already exists/),
  );
  const generated = await api.create({ ...CM, metadata: { generateName: 'cfg-', namespace: ns } });
  assert.match(generated.metadata.name ?? '', /^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test('generation moves only when the spec changes; an unchanged update stores nothing', async () => {
  const ns = await namespace('generation');
  const d = await api.create(deployment(ns, 'web'));
  const labelled = await api.update({ ...d, metadata: { ...d.metadata, labels: { a: 'b' } } });
  assert.equal(labelled.metadata.generation, 1, 'metadata changes keep the generation');
  assert.notEqual(labelled.metadata.resourceVersion, d.metadata.resourceVersion);
  const scaled = await api.update({ ...labelled, spec: { ...(labelled.spec as object), replicas: 3 } });
  assert.equal(scaled.metadata.generation, 2);
  const same = await api.update(scaled);
  assert.equal(
    same.metadata.resourceVersion,
    scaled.metadata.resourceVersion,
    'no-op update: same resourceVersion',
  );
  const status = await api.updateStatus({ ...scaled, status: { replicas: 3, observedGeneration: 2 } });
  assert.equal(status.metadata.generation, 2, 'status writes never bump the generation');
});

test('status and spec are written through separate doors', async () => {
  const ns = await namespace('status');
  const d = await api.create({ ...deployment(ns, 'web'), status: { replicas: 99 } });
  assert.deepEqual(d.status, {}, 'a new object starts with an empty status, whatever it sent');
  const withStatus = await api.updateStatus({
    ...d,
    spec: { ...(d.spec as object), replicas: 5 },
    status: { replicas: 1 },
  });
  assert.deepEqual(withStatus.status, { replicas: 1 });
  assert.equal((withStatus.spec as { replicas: number }).replicas, 1, 'a status write never changes spec');
  const viaMain = await api.update({ ...withStatus, status: { replicas: 42 } });
  assert.deepEqual(viaMain.status, { replicas: 1 }, 'the main resource never changes status');
});

test('a stale resourceVersion is a 409 Conflict; an absent one updates the latest', async () => {
  const ns = await namespace('conflict');
  const c1 = await api.create({ ...CM, metadata: { name: 'c', namespace: ns }, data: { v: '1' } });
  await api.update({ ...c1, data: { v: '2' } });
  await assert.rejects(
    api.update({ ...c1, data: { v: '3' } }),
    apiError(
      409,
      'Conflict',
      /Operation cannot be fulfilled on configmaps "c": the object has been modified/,
    ),
  );
  const { resourceVersion: _rv, ...meta } = c1.metadata;
  const latest = await api.update({ ...c1, metadata: meta, data: { v: '4' } });
  assert.deepEqual(latest.data, { v: '4' });
  await assert.rejects(
    api.patch(
      CM,
      { namespace: ns, name: 'c' },
      { metadata: { resourceVersion: '1' }, data: { v: '5' } },
      { type: 'merge' },
    ),
    apiError(409, 'Conflict'),
  );
});

test('dry runs go through admission but store nothing and emit no event', async () => {
  const ns = await namespace('dryrun');
  const rv = api.resourceVersion;
  const created = await api.create({ ...CM, metadata: { name: 'c', namespace: ns } }, { dryRun: true });
  assert.equal(created.metadata.resourceVersion, undefined, 'a dry-run create has no resourceVersion');
  assert.ok(created.metadata.uid);
  assert.equal(api.resourceVersion, rv);
  await assert.rejects(
    api.get(CM, { namespace: ns, name: 'c' }),
    apiError(404, 'NotFound', /configmaps "c" not found/),
  );
  const real = await api.create({ ...CM, metadata: { name: 'c', namespace: ns } });
  await api.delete(CM, { namespace: ns, name: 'c' }, { dryRun: true });
  await api.patch(CM, { namespace: ns, name: 'c' }, { data: { x: 'y' } }, { type: 'merge', dryRun: true });
  assert.deepEqual(await api.get(CM, { namespace: ns, name: 'c' }), real);
});

test('finalizers hold a deleted object until they are emptied', async () => {
  const ns = await namespace('finalizers');
  await api.create({ ...CM, metadata: { name: 'held', namespace: ns, finalizers: ['example.com/hold'] } });
  const marked = await api.delete(CM, { namespace: ns, name: 'held' });
  assert.ok(marked.metadata.deletionTimestamp);
  assert.equal(marked.metadata.deletionGracePeriodSeconds, 0);
  const still = await api.get(CM, { namespace: ns, name: 'held' });
  assert.equal(still.metadata.deletionTimestamp, marked.metadata.deletionTimestamp);
  await assert.rejects(
    api.update({
      ...still,
      metadata: { ...still.metadata, finalizers: ['example.com/hold', 'example.com/more'] },
    }),
    apiError(422, 'Invalid', /no new finalizers can be added if the object is being deleted/),
  );
  await api.update({ ...still, metadata: { ...still.metadata, finalizers: [] } });
  await assert.rejects(api.get(CM, { namespace: ns, name: 'held' }), apiError(404));
});

test('deleting a namespace deletes what is in it, waiting for finalizers', async () => {
  const ns = await namespace('doomed');
  await api.create({ ...CM, metadata: { name: 'a', namespace: ns } });
  await api.create(deployment(ns, 'web'));
  await api.create({ ...CM, metadata: { name: 'held', namespace: ns, finalizers: ['example.com/hold'] } });
  const events = api.watch(NS, {
    fieldSelector: `metadata.name=${ns}`,
    resourceVersion: api.resourceVersion,
  });
  const marked = await api.delete(NS, { name: ns });
  assert.equal((marked.status as { phase: string }).phase, 'Terminating');
  await assert.rejects(
    api.create({ ...CM, metadata: { name: 'late', namespace: ns } }),
    apiError(403, 'Forbidden', /because it is being terminated/),
  );
  await until(async () => (await api.list(CM, { namespace: ns })).items.length === 1);
  assert.deepEqual((await api.list(DEPLOY, { namespace: ns })).items, []);
  const ns1 = await api.get(NS, { name: ns });
  assert.match(JSON.stringify(ns1.status), /NamespaceContentRemaining/);
  const held = await api.get(CM, { namespace: ns, name: 'held' });
  await api.update({ ...held, metadata: { ...held.metadata, finalizers: [] } });
  const types: string[] = [];
  for await (const e of events) {
    types.push(e.type);
    if (e.type === 'DELETED') break;
  }
  assert.equal(types.at(-1), 'DELETED');
  await assert.rejects(api.get(NS, { name: ns }), apiError(404));
});

test('namespaces: lifecycle rules and system namespaces', async () => {
  const ns = await api.get(NS, { name: 'default' });
  assert.equal((ns.status as { phase: string }).phase, 'Active');
  assert.deepEqual((ns.spec as { finalizers: string[] }).finalizers, ['kubernetes']);
  assert.equal(ns.metadata.labels?.['kubernetes.io/metadata.name'], 'default');
  await assert.rejects(
    api.delete(NS, { name: 'kube-system' }),
    apiError(403, 'Forbidden', /may not be deleted/),
  );
  await assert.rejects(
    api.create({ ...CM, metadata: { name: 'x', namespace: 'nowhere' } }),
    apiError(404, 'NotFound', /namespaces "nowhere" not found/),
  );
});

test('watch: initial state, then changes in order, with selectors turning changes into ADDED/DELETED', async () => {
  const ns = await namespace('watching');
  await api.create({ ...CM, metadata: { name: 'before', namespace: ns, labels: { team: 'a' } } });
  const ac = new AbortController();
  const stream = api.watch(CM, { namespace: ns, labelSelector: 'team=a', signal: ac.signal });
  const seen: string[] = [];
  const done = (async () => {
    for await (const e of stream as AsyncIterable<WatchEvent>) {
      seen.push(`${e.type} ${e.object.metadata.name}`);
      if (seen.length === 5) ac.abort();
    }
  })();
  const b = await api.create({ ...CM, metadata: { name: 'b', namespace: ns, labels: { team: 'a' } } });
  await api.create({ ...CM, metadata: { name: 'other', namespace: ns, labels: { team: 'b' } } });
  const moved = await api.update({ ...b, metadata: { ...b.metadata, labels: { team: 'b' } } });
  await api.update({ ...moved, metadata: { ...moved.metadata, labels: { team: 'a' } } });
  await api.delete(CM, { namespace: ns, name: 'b' });
  await done;
  assert.deepEqual(seen, ['ADDED before', 'ADDED b', 'DELETED b', 'ADDED b', 'DELETED b']);
});

test('admission steps added to a slot run on every write path', async () => {
  const ns = await namespace('hooks');
  api.admission.add({
    name: 'test-default-label',
    slot: 'defaulting',
    matches: (r) => r.namespace === ns && r.operation === 'CREATE',
    admit: (r) => {
      r.object.metadata.labels = { ...r.object.metadata.labels, defaulted: 'yes' };
    },
  });
  api.admission.add({
    name: 'test-refuse',
    slot: 'validation',
    matches: (r) => r.namespace === ns && r.object.metadata.name === 'forbidden',
    admit: (r) => {
      throw new ApiError({ message: `${r.name} is refused`, reason: 'Invalid', code: 422 });
    },
  });
  try {
    assert.ok(
      api.admission.steps().indexOf('defaulting/test-default-label') <
        api.admission.steps().indexOf('validation/test-refuse'),
    );
    const c = await api.create({ ...CM, metadata: { name: 'c', namespace: ns } });
    assert.equal(c.metadata.labels?.['defaulted'], 'yes');
    await assert.rejects(
      api.create({ ...CM, metadata: { name: 'forbidden', namespace: ns } }),
      apiError(422),
    );
  } finally {
    api.admission.remove('test-default-label');
    api.admission.remove('test-refuse');
  }
});

test('a DELETE admission step can keep an object by adding a finalizer (graceful deletion)', async () => {
  const ns = await namespace('graceful');
  api.admission.add({
    name: 'test-graceful',
    slot: 'validation',
    matches: (r) => r.operation === 'DELETE' && r.namespace === ns && !r.object.metadata.deletionTimestamp,
    admit: (r) => {
      r.object.metadata.finalizers = [...(r.object.metadata.finalizers ?? []), 'example.com/kubelet'];
    },
  });
  try {
    await api.create({ ...CM, metadata: { name: 'p', namespace: ns } });
    const marked = await api.delete(CM, { namespace: ns, name: 'p' }, { dryRun: false });
    assert.ok(marked.metadata.deletionTimestamp);
    assert.deepEqual(marked.metadata.finalizers, ['example.com/kubelet']);
    await api.patch(CM, { namespace: ns, name: 'p' }, { metadata: { finalizers: null } }, { type: 'merge' });
    await assert.rejects(api.get(CM, { namespace: ns, name: 'p' }), apiError(404));
  } finally {
    api.admission.remove('test-graceful');
  }
});

test('events are recorded once and counted when they repeat, visible through both Event APIs', async () => {
  const ns = await namespace('events');
  const d = await api.create(deployment(ns, 'web'));
  await api.recordEvent(d, {
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set web-1 to 1',
    reportingController: 'deployment-controller',
  });
  const again = await api.recordEvent(d, {
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set web-1 to 1',
    reportingController: 'deployment-controller',
  });
  assert.equal(again['count'], 2);
  const list = await api.list(
    { apiVersion: 'v1', kind: 'Event' },
    { namespace: ns, fieldSelector: `involvedObject.uid=${d.metadata.uid}` },
  );
  assert.equal(list.items.length, 1);
  const v1 = await api.list({ apiVersion: 'events.k8s.io/v1', kind: 'Event' }, { namespace: ns });
  const e = v1.items[0]!;
  assert.equal(e.apiVersion, 'events.k8s.io/v1');
  assert.equal((e['regarding'] as { name: string }).name, 'web');
  assert.equal(e['note'], 'Scaled up replica set web-1 to 1');
  assert.equal(e['reportingController'], 'deployment-controller');
  assert.equal(e['deprecatedCount'], 2);
  assert.equal(e['involvedObject'], undefined);
});

test('unknown types and missing objects are 404s with the Kubernetes wording', async () => {
  await assert.rejects(
    api.get({ apiVersion: 'v1', kind: 'Nope' }, { name: 'x' }),
    apiError(404, 'NotFound', /no matches for kind "Nope" in version "v1"/),
  );
  await assert.rejects(
    api.get(DEPLOY, { namespace: 'default', name: 'ghost' }),
    apiError(404, 'NotFound', /deployments.apps "ghost" not found/),
  );
});

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
