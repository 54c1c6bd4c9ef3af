// The engine's cluster cache against the embedded cluster: drift from kubectl reaches the
// application's subscribers, watches resume after the server forgot their history (410 → relist),
// indexes by owner and tracking id, CRDs appearing and going, stripped copies, resource trees.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection, createServer, type Socket } from 'node:net';
import type { KubeObject } from '../src/core/index.ts';
import {
  argoTracker,
  buildTree,
  createClusterCache,
  type CacheEvent,
  type ClusterCache,
} from '../src/engine/index.ts';
import { createKubeClient, type KubeClient } from '../src/kube/index.ts';
import { kubectl, startTestCluster } from './support/cluster.ts';
import { cronTabCrd } from './support/crd-fixtures.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const tracker = argoTracker();
const app = { tracker: 'argocd', owner: 'shop' };

function deployment(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
    },
  };
}

/** A TCP proxy to a local port whose traffic can be cut (open connections dropped, new ones refused). */
async function startTcpProxy(
  target: number,
): Promise<{ port: number; cut(): void; restore(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let open = true;
  const server = createServer((client) => {
    if (!open) return client.destroy();
    const upstream = createConnection(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      open = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function eventually<T>(get: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function setup(
  t: Parameters<typeof startTestCluster>[0],
  namespace: string,
): Promise<{
  client: KubeClient;
  cache: ClusterCache;
  signal: AbortSignal;
  cluster: Awaited<ReturnType<typeof startTestCluster>>;
}> {
  // Registered first so that the cache's watches end before the cluster closes.
  const stop = new AbortController();
  t?.after(() => stop.abort());
  const cluster = await startTestCluster(t);
  const signal = stop.signal;
  const client = await createKubeClient({ kubeconfig: { text: cluster.kubeconfig() }, signal });
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, { signal });
  const cache = createClusterCache({ client, signal, trackers: { argocd: tracker }, retryInitialMs: 100 });
  return { client, cache, signal, cluster };
}

describe('cluster cache', { concurrency: true }, () => {
  it('tells an application about a kubectl change to its objects within a second or so', async (t) => {
    const { client, cache, signal, cluster } = await setup(t, 'drift');
    await client.create(tracker.stamp(deployment('drift', 'web'), 'shop'), { signal });
    await cache.synced({ signal });
    assert.deepEqual(
      cache.owned(app).map((o) => o.metadata.name),
      ['web'],
    );
    const events: { at: number; event: CacheEvent }[] = [];
    cache.subscribe({ app }, (event) => events.push({ at: Date.now(), event }));
    const r = await kubectl(['-n', 'drift', 'scale', 'deployment/web', '--replicas=5'], cluster);
    assert.equal(r.code, 0, r.stderr);
    const done = Date.now();
    const seen = await eventually(
      () =>
        events.find(
          (e) =>
            e.event.type === 'modified' && (e.event.object['spec'] as { replicas?: number }).replicas === 5,
        ),
      'the scale to reach the cache',
    );
    assert.deepEqual(seen.event.apps, [app]);
    assert.ok(seen.at - done < 5000, `seen ${seen.at - done} ms after kubectl returned`);
    assert.equal(
      (
        cache.get({ group: 'apps', kind: 'Deployment', namespace: 'drift', name: 'web' })?.['spec'] as {
          replicas: number;
        }
      ).replicas,
      5,
    );
  });

  it('relists after the server answers 410 to a resumed watch, and sees what changed meanwhile', async (t) => {
    const stop = new AbortController();
    t.after(() => stop.abort());
    const cluster = await startTestCluster(t, { watchHistory: 3 });
    // The cache reaches the server through a proxy the test can cut, like a network partition.
    const proxy = await startTcpProxy(cluster.port);
    t.after(() => proxy.close());
    const signal = stop.signal;
    const kubeconfig = cluster.kubeconfig().replace(`:${cluster.port}`, `:${proxy.port}`);
    const client = await createKubeClient({ kubeconfig: { text: kubeconfig }, signal });
    const cache = createClusterCache({
      client,
      signal,
      kinds: ['ConfigMap'],
      children: [],
      retryInitialMs: 100,
      retryMaxMs: 200,
    });
    const cm = (name: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'default' },
    });
    await cluster.api.create(cm('keep'));
    await cluster.api.create(cm('gone'));
    await cache.synced({ signal });
    const key = (name: string) => ({ group: '', kind: 'ConfigMap', namespace: 'default', name });
    await eventually(() => cache.get(key('gone')), 'the initial list');
    const listsBefore = cache.stats().lists;

    proxy.cut();
    await cluster.api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'default', name: 'gone' });
    for (let i = 0; i < 5; i++) await cluster.api.create(cm(`new-${i}`));
    proxy.restore();

    await eventually(() => cache.get(key('new-4')) && !cache.get(key('gone')), 'the cache to catch up');
    assert.ok(cache.get(key('keep')));
    assert.ok(cache.stats().lists > listsBefore, 'the cache listed again after the 410');
  });

  it('indexes by tracking owner and by owner uid, and builds the resource tree', async (t) => {
    const { client, cache, signal } = await setup(t, 'tree');
    const events: CacheEvent[] = [];
    cache.subscribe({ app }, (e) => events.push(e));
    await cache.synced({ signal });
    const d = await client.create(tracker.stamp(deployment('tree', 'web'), 'shop'), { signal });
    await client.create(
      tracker.stamp(
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web', namespace: 'tree' },
          spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
        },
        'shop',
      ),
      { signal },
    );
    // The simulated controllers create the ReplicaSet and its Pod, and make them ready.
    const pod = await eventually(() => {
      const rs = cache.children(d.metadata.uid!).find((c) => c.kind === 'ReplicaSet');
      const p = rs && cache.children(rs.metadata.uid!).find((c) => c.kind === 'Pod');
      return p?.['status'] && (p['status'] as { phase?: string }).phase === 'Running' ? p : undefined;
    }, 'a running pod below the deployment');
    assert.ok(
      events.some((e) => e.key.kind === 'Pod' && e.key.name === pod.metadata.name),
      'a pod change concerns the application of its deployment',
    );
    assert.ok(
      events.filter((e) => e.key.kind === 'Pod').every((e) => e.apps.some((a) => a.owner === 'shop')),
    );

    const tree = await eventually(() => {
      const t = buildTree(cache, cache.owned(app));
      return t.nodes.some((n) => n.kind === 'Pod' && n.health?.status === 'Healthy') &&
        t.nodes.some((n) => n.kind === 'Endpoints') &&
        t.nodes.some((n) => n.kind === 'EndpointSlice')
        ? t
        : undefined;
    }, 'a healthy tree');
    const byKind = new Map(tree.nodes.map((n) => [n.kind, n]));
    assert.deepEqual([...byKind.keys()].sort(), [
      'Deployment',
      'EndpointSlice',
      'Endpoints',
      'Pod',
      'ReplicaSet',
      'Service',
    ]);
    assert.deepEqual(byKind.get('ReplicaSet')?.parentRefs, [
      {
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        namespace: 'tree',
        name: 'web',
        uid: d.metadata.uid,
      },
    ]);
    assert.deepEqual(byKind.get('ReplicaSet')?.info, [{ name: 'Revision', value: 'Rev:1' }]);
    const podNode = byKind.get('Pod')!;
    assert.deepEqual(podNode.images, ['nginx:1.27']);
    assert.ok(
      podNode.info?.some((i) => i.name === 'Containers' && i.value === '1/1'),
      JSON.stringify(podNode.info),
    );
    assert.deepEqual(podNode.networkingInfo?.labels?.['app'], 'web');
    assert.deepEqual(byKind.get('Service')?.networkingInfo, { targetLabels: { app: 'web' } });
    assert.equal(byKind.get('Endpoints')?.parentRefs?.[0]?.name, 'web');
    assert.ok(podNode.createdAt);
  });

  it('watches the kinds of CRDs that appear and forgets those of CRDs that go', async (t) => {
    const { client, cache, signal } = await setup(t, 'crds');
    await cache.synced({ signal });
    await client.create(cronTabCrd('cache.example.com'), { signal });
    await eventually(() => cache.isCached('cache.example.com/CronTab'), 'the new kind to be watched');
    await client.create(
      {
        apiVersion: 'cache.example.com/v1',
        kind: 'CronTab',
        metadata: { name: 'nightly', namespace: 'crds' },
        spec: { cronSpec: '0 0 * * *' },
      },
      { signal },
    );
    const key = { group: 'cache.example.com', kind: 'CronTab', namespace: 'crds', name: 'nightly' };
    await eventually(() => cache.get(key), 'the custom resource');
    assert.equal(cache.isNamespaced('cache.example.com', 'CronTab'), true);
    await client.delete(
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        name: 'crontabs.cache.example.com',
      },
      { signal },
    );
    await eventually(() => !cache.get(key) && !cache.isCached('cache.example.com/CronTab'), 'the kind to go');
  });

  it('keeps stripped copies: no managedFields, last-applied only for tracked objects', async (t) => {
    const { client, cache, signal } = await setup(t, 'strip');
    const managedFields = [
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update' as const,
        apiVersion: 'v1',
        time: '2024-01-01T00:00:00Z',
        fieldsType: 'FieldsV1' as const,
        fieldsV1: { 'f:data': { 'f:a': {} } },
      },
    ];
    const withExtras = (name: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        namespace: 'strip',
        annotations: { [LAST_APPLIED]: '{"big":"copy"}' },
        managedFields,
      },
      data: { a: '1' },
    });
    await client.create(tracker.stamp(withExtras('tracked'), 'shop'), { signal });
    await client.create(withExtras('untracked'), { signal });
    await cache.synced({ signal });
    const key = (name: string) => ({ group: '', kind: 'ConfigMap', namespace: 'strip', name });
    const tracked = await eventually(() => cache.get(key('tracked')), 'tracked');
    const untracked = await eventually(() => cache.get(key('untracked')), 'untracked');
    assert.equal(tracked.metadata.managedFields, undefined);
    assert.equal(untracked.metadata.managedFields, undefined);
    assert.equal(tracked.metadata.annotations?.[LAST_APPLIED], '{"big":"copy"}');
    assert.equal(untracked.metadata.annotations?.[LAST_APPLIED], undefined);
    const full = cache.getWithManagedFields(key('tracked'));
    assert.ok(full?.metadata.managedFields?.length, 'tracked objects keep their managedFields aside');
    const read = await cache
      .reader()
      .get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'strip', name: 'tracked' }, { signal });
    assert.deepEqual(read?.metadata.managedFields, full?.metadata.managedFields);
  });
});
