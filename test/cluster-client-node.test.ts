// @kubernetes/client-node 2.x against the embedded cluster: typed and generic clients, and the
// informer (ListWatch) through watch restarts (server timeout and client-node's own inactivity
// timeout) and 410 relists. Server-side watch timeouts are shortened so the restarts happen in
// seconds instead of client-node's 30.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { cronTabCrd } from './support/crd-fixtures.ts';

function client(cluster: TestCluster): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig());
  return kc;
}

async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

describe('@kubernetes/client-node against the embedded cluster', { concurrency: true }, () => {
  it('typed clients create, read, patch, list and delete, and see Kubernetes errors', async (t) => {
    const cluster = await startTestCluster(t);
    const kc = client(cluster);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    await core.createNamespace({ body: { metadata: { name: 'typed' } } });
    const d = await apps.createNamespacedDeployment({
      namespace: 'typed',
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'c', image: 'nginx' }] },
          },
        },
      },
    });
    assert.equal(d.metadata?.generation, 1);
    assert.ok(d.metadata?.creationTimestamp instanceof Date);
    const scaled = await apps.patchNamespacedDeploymentScale(
      { namespace: 'typed', name: 'web', body: { spec: { replicas: 4 } } },
      mergePatch,
    );
    assert.equal(scaled.spec?.replicas, 4);
    const status = await apps.replaceNamespacedDeploymentStatus({
      namespace: 'typed',
      name: 'web',
      body: {
        ...(await apps.readNamespacedDeployment({ namespace: 'typed', name: 'web' })),
        status: { readyReplicas: 4, replicas: 4 },
      },
    });
    assert.equal(status.status?.readyReplicas, 4);
    const list = await apps.listNamespacedDeployment({ namespace: 'typed', labelSelector: 'nothing=here' });
    assert.deepEqual(list.items, []);
    await assert.rejects(
      core.readNamespacedConfigMap({ namespace: 'typed', name: 'missing' }),
      (err: unknown) => {
        assert.ok(err instanceof k8s.ApiException);
        assert.equal(err.code, 404);
        assert.match(String(err.body), /configmaps \\"missing\\" not found|configmaps "missing" not found/);
        return true;
      },
    );
    await core.createNamespacedConfigMap({ namespace: 'typed', body: { metadata: { name: 'c' } } });
    await assert.rejects(
      core.createNamespacedConfigMap({ namespace: 'typed', body: { metadata: { name: 'c' } } }),
      (err: unknown) => err instanceof k8s.ApiException && err.code === 409,
    );
    await apps.deleteNamespacedDeployment({ namespace: 'typed', name: 'web' });
    await assert.rejects(
      apps.readNamespacedDeployment({ namespace: 'typed', name: 'web' }),
      (err: unknown) => err instanceof k8s.ApiException && err.code === 404,
    );
  });

  it('the generic object API maps kinds through discovery, custom resources included', async (t) => {
    const cluster = await startTestCluster(t);
    const objects = k8s.KubernetesObjectApi.makeApiClient(client(cluster));
    await cluster.api.create(cronTabCrd());
    const ct: k8s.KubernetesObject = {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'c1', namespace: 'default' },
    };
    const created = await objects.create({ ...ct, spec: { cronSpec: '* * * * *' } } as k8s.KubernetesObject);
    assert.equal(created.metadata?.name, 'c1');
    await objects.patch(
      {
        apiVersion: 'stable.example.com/v1',
        kind: 'CronTab',
        metadata: { name: 'c1', namespace: 'default' },
        spec: { replicas: 2 },
      } as k8s.KubernetesObject,
      undefined,
      undefined,
      'test',
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    // client-node's serializer keeps only the fields of types it knows, so read the stored object.
    const stored = await cluster.api.get(
      { apiVersion: 'stable.example.com/v1', kind: 'CronTab' },
      { namespace: 'default', name: 'c1' },
    );
    assert.deepEqual(stored['spec'], { cronSpec: '* * * * *', image: 'busybox', replicas: 2 });
    const list = await objects.list('stable.example.com/v1', 'CronTab', 'default');
    assert.deepEqual(
      list.items.map((i) => i.metadata?.name),
      ['c1'],
    );
    const cm = await objects.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'default' },
    });
    assert.equal(cm.kind, 'ConfigMap');
    await objects.delete({
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'c1', namespace: 'default' },
    });
    assert.deepEqual((await objects.list('stable.example.com/v1', 'CronTab', 'default')).items, []);
  });

  it('an informer keeps its cache right across server-side watch timeouts', async (t) => {
    const cluster = await startTestCluster(t, { watchTimeoutSeconds: 1 });
    const kc = client(cluster);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/configmaps', () =>
      core.listNamespacedConfigMap({ namespace: 'default' }),
    );
    let connects = 0;
    const errors: unknown[] = [];
    informer.on('connect', () => connects++);
    informer.on('error', (e) => errors.push(e));
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'before' } } });
    await informer.start();
    t.after(() => informer.stop());
    await eventually(() => informer.list('default').length === 1, 'the initial list');
    // Each watch ends after 1–2 s; the informer re-watches from its last resourceVersion.
    await eventually(() => connects >= 3, 'two watch restarts');
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'after' } } });
    await core.patchNamespacedConfigMap(
      { namespace: 'default', name: 'before', body: { data: { changed: 'yes' } } },
      mergePatch,
    );
    await eventually(
      () =>
        informer.list('default').length === 2 &&
        informer.get('before', 'default')?.data?.['changed'] === 'yes',
      'changes after the restarts',
    );
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'before' });
    await eventually(() => informer.get('before', 'default') === undefined, 'the deletion');
    assert.deepEqual(errors, []);
  });

  it("an informer survives client-node's own watch timeout (its 30 s inactivity abort)", async (t) => {
    const cluster = await startTestCluster(t);
    const kc = client(cluster);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const watch = new k8s.Watch(kc);
    // client-node aborts a quiet watch after requestTimeoutMs (30 s); shorten it to exercise the
    // same TimeoutError → re-watch path in a second.
    (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs = 300;
    const informer = new k8s.ListWatch(
      '/api/v1/namespaces/default/configmaps',
      watch,
      () => core.listNamespacedConfigMap({ namespace: 'default' }),
      false,
    );
    let connects = 0;
    const errors: unknown[] = [];
    informer.on('connect', () => connects++);
    informer.on('error', (e) => errors.push(e));
    await informer.start();
    t.after(() => informer.stop());
    await eventually(() => connects >= 3, 'client-side timeouts and re-watches');
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'late' } } });
    await eventually(
      () => informer.get('late', 'default') !== undefined,
      'an object created after the timeouts',
    );
    assert.deepEqual(errors, []);
  });

  it('an informer whose resourceVersion was compacted away relists (410) and carries on', async (t) => {
    const cluster = await startTestCluster(t, { watchTimeoutSeconds: 1, watchHistory: 5 });
    const kc = client(cluster);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    let lists = 0;
    let gapDone = false;
    const informer = new k8s.ListWatch(
      '/api/v1/namespaces/default/configmaps',
      new k8s.Watch(kc),
      () => {
        lists++;
        return core.listNamespacedConfigMap({ namespace: 'default' });
      },
      false,
      undefined,
      undefined,
      {
        // Called before a reconnect: make more changes than the server keeps while it is away.
        delayFn: async () => {
          if (gapDone) return;
          gapDone = true;
          await core.createNamespace({ body: { metadata: { name: 'busy' } } });
          for (let i = 0; i < 10; i++)
            await core.createNamespacedConfigMap({
              namespace: 'busy',
              body: { metadata: { name: `n${i}` } },
            });
          await core.createNamespacedConfigMap({
            namespace: 'default',
            body: { metadata: { name: 'during-gap' } },
          });
        },
      },
    );
    const errors: unknown[] = [];
    informer.on('error', (e) => errors.push(e));
    await informer.start();
    t.after(() => informer.stop());
    await eventually(
      () => informer.get('during-gap', 'default') !== undefined,
      'the object created while the informer was away',
      15_000,
    );
    assert.ok(lists >= 2, `the informer relisted after 410 (lists: ${lists})`);
    assert.deepEqual(errors, []);
  });
});
