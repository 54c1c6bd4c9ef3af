// kube's KubeClient over @kubernetes/client-node, against the embedded cluster over HTTPS (its
// self-signed CA comes from the kubeconfig): CRUD, patches, server-side apply, watch and resume,
// 410 Expired, discovery that notices new CRDs, error codes and messages, AbortSignals.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { errorCode, type KubeObject } from '../src/core/index.ts';
import {
  createKubeClient,
  InvalidError,
  KubeApiError,
  type KubeClient,
  type WatchEvent,
} from '../src/kube/index.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { cronTabCrd } from './support/crd-fixtures.ts';

async function clientFor(cluster: TestCluster, signal: AbortSignal): Promise<KubeClient> {
  return createKubeClient({ kubeconfig: { text: cluster.kubeconfig() }, signal });
}

function configMap(namespace: string, name: string, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { app: 'x' } }, data };
}

const cmKey = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });

async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    assert.equal(errorCode(err), code, String(err));
    if (message) assert.match((err as Error).message, message);
    return err;
  }
  assert.fail(`expected a ${code} error`);
}

/** Collects events of a watch until `until` says stop. */
async function collect(
  events: AsyncIterable<WatchEvent>,
  until: (seen: WatchEvent[]) => boolean,
): Promise<WatchEvent[]> {
  const seen: WatchEvent[] = [];
  for await (const e of events) {
    seen.push(e);
    if (until(seen)) break;
  }
  return seen;
}

describe('KubeClient over client-node', { concurrency: true }, () => {
  it('creates, reads, lists in pages, updates, patches and deletes', async (t) => {
    const cluster = await startTestCluster(t);
    const signal = AbortSignal.timeout(60_000);
    const client = await clientFor(cluster, signal);
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'crud' } }, { signal });
    const created = await client.create(configMap('crud', 'a', { k: 'v' }), { signal, fieldManager: 'me' });
    assert.equal(created.metadata.name, 'a');
    assert.ok(created.metadata.resourceVersion);
    for (const n of ['b', 'c', 'd']) await client.create(configMap('crud', n), { signal });

    const got = await client.get(cmKey('crud', 'a'), { signal });
    assert.deepEqual(got?.['data'], { k: 'v' });
    assert.equal(await client.get(cmKey('crud', 'missing'), { signal }), undefined);

    const page1 = await client.list(
      { group: '', version: 'v1', kind: 'ConfigMap' },
      { signal, namespace: 'crud', labelSelector: 'app=x', limit: 3 },
    );
    assert.equal(page1.items.length, 3);
    assert.equal(page1.items[0]?.kind, 'ConfigMap', 'list items carry their kind');
    assert.ok(page1.metadata.continue);
    const page2 = await client.list(
      { group: '', version: 'v1', kind: 'ConfigMap' },
      { signal, namespace: 'crud', labelSelector: 'app=x', limit: 3, continue: page1.metadata.continue },
    );
    assert.deepEqual(
      [...page1.items, ...page2.items].map((i) => i.metadata.name),
      ['a', 'b', 'c', 'd'],
    );

    const updated = await client.update({ ...got, data: { k: 'w' } }, { signal });
    assert.deepEqual(updated['data'], { k: 'w' });
    await rejectsWith(
      client.update({ ...got, data: { k: 'stale' } }, { signal }),
      'Conflict',
      /^ConfigMap\/crud\/a: update failed: Operation cannot be fulfilled/,
    );
    const merged = await client.patch(
      cmKey('crud', 'a'),
      { type: 'merge', body: { data: { m: '1' } } },
      { signal },
    );
    assert.deepEqual(merged['data'], { k: 'w', m: '1' });
    const jsonPatched = await client.patch(
      cmKey('crud', 'a'),
      { type: 'json', body: [{ op: 'remove', path: '/data/k' }] },
      { signal },
    );
    assert.deepEqual(jsonPatched['data'], { m: '1' });
    await rejectsWith(
      client.patch(cmKey('crud', 'nope'), { type: 'merge', body: {} }, { signal }),
      'NotFound',
      /^ConfigMap\/crud\/nope: patch failed: configmaps "nope" not found/,
    );
    await rejectsWith(client.create(configMap('crud', 'b'), { signal }), 'AlreadyExists');

    const dry = await client.delete(cmKey('crud', 'b'), { signal, dryRun: 'All' });
    assert.equal(dry?.metadata.name, 'b');
    assert.ok(await client.get(cmKey('crud', 'b'), { signal }), 'a dry-run delete keeps the object');
    const deleted = await client.delete(cmKey('crud', 'b'), { signal, propagationPolicy: 'Background' });
    assert.equal(deleted?.metadata.name, 'b');
    assert.equal(await client.get(cmKey('crud', 'b'), { signal }), undefined);
    assert.equal(await client.delete(cmKey('crud', 'b'), { signal }), undefined, 'already gone');

    const generated = await client.create(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-', namespace: 'crud' } },
      { signal },
    );
    assert.match(generated.metadata.name ?? '', /^gen-/);
  });

  it('reports invalid objects with their causes, and refuses what it cannot address', async (t) => {
    const cluster = await startTestCluster(t);
    const signal = AbortSignal.timeout(60_000);
    const client = await clientFor(cluster, signal);
    await client.create(cronTabCrd('inv.example.com'), { signal });
    const err = await rejectsWith(
      client.create(
        {
          apiVersion: 'inv.example.com/v1',
          kind: 'CronTab',
          metadata: { name: 'bad', namespace: 'default' },
          spec: { replicas: 50 },
        },
        { signal },
      ),
      'Invalid',
      /^CronTab\/default\/bad: create failed: CronTab.inv.example.com "bad" is invalid/,
    );
    assert.ok(err instanceof InvalidError);
    assert.ok(
      err.causes.some((c) => c.field === 'spec.cronSpec'),
      JSON.stringify(err.causes),
    );
    assert.equal(err.httpCode, 422);

    await rejectsWith(
      client.get({ apiVersion: 'nope.example.com/v1', kind: 'Thing', name: 'x' }, { signal }),
      'NoKindMatch',
      /no matches for kind "Thing" in version "nope.example.com\/v1"/,
    );
    await rejectsWith(
      client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' }, { signal }),
      'BadRequest',
      /namespace is required/,
    );
  });

  it('finds a kind whose CRD appeared after discovery was read', async (t) => {
    const cluster = await startTestCluster(t);
    const signal = AbortSignal.timeout(60_000);
    const client = await createKubeClient({
      kubeconfig: { text: cluster.kubeconfig() },
      signal,
      discoveryRefreshMs: 0,
    });
    const gvk = { group: 'late.example.com', version: 'v1', kind: 'CronTab' };
    assert.equal(await client.resourceFor(gvk, { signal }), undefined);
    await client.create(cronTabCrd('late.example.com'), { signal });
    const found = await client.resourceFor(gvk, { signal });
    assert.equal(found?.resource, 'crontabs');
    assert.equal(found?.namespaced, true);
    assert.deepEqual(found?.subresources, ['status', 'scale']);
    const all = await client.serverResources({ signal });
    assert.ok(all.some((r) => r.group === 'apps' && r.kind === 'Deployment' && r.resource === 'deployments'));
  });

  it('watches from a resourceVersion, resumes, and ends when aborted', async (t) => {
    const cluster = await startTestCluster(t);
    const signal = AbortSignal.timeout(60_000);
    const client = await clientFor(cluster, signal);
    const gvk = { group: '', version: 'v1', kind: 'ConfigMap' };
    await client.create(configMap('default', 'before'), { signal });
    const list = await client.list(gvk, { signal, namespace: 'default' });
    const stop = new AbortController();
    const events = client.watch(gvk, {
      signal: AbortSignal.any([signal, stop.signal]),
      namespace: 'default',
      resourceVersion: list.metadata.resourceVersion,
    });
    const seen = collect(events, (s) => s.length === 3);
    await client.create(configMap('default', 'w'), { signal });
    await client.patch(cmKey('default', 'w'), { type: 'merge', body: { data: { a: 'b' } } }, { signal });
    await client.delete(cmKey('default', 'w'), { signal });
    const got = await seen;
    assert.deepEqual(
      got.map((e) => `${e.type} ${e.object.metadata.name}`),
      ['ADDED w', 'MODIFIED w', 'DELETED w'],
    );
    assert.equal(got[0]?.object.kind, 'ConfigMap');

    // Resume after the first event: the rest arrive again, nothing before it.
    const resumed = await collect(
      client.watch(gvk, {
        signal,
        namespace: 'default',
        resourceVersion: got[0].object.metadata.resourceVersion,
      }),
      (s) => s.length === 2,
    );
    assert.deepEqual(
      resumed.map((e) => e.type),
      ['MODIFIED', 'DELETED'],
    );

    // Aborting ends an idle watch.
    const idle = client.watch(gvk, { signal: stop.signal, namespace: 'default', resourceVersion: '0' });
    const ended = collect(idle, () => false);
    setTimeout(() => stop.abort(), 200);
    const initial = await ended;
    assert.ok(initial.every((e) => e.type === 'ADDED'));
  });

  it('turns a watch from an expired resourceVersion into code Expired', async (t) => {
    const cluster = await startTestCluster(t, { watchHistory: 5 });
    const signal = AbortSignal.timeout(60_000);
    const client = await clientFor(cluster, signal);
    const first = await client.create(configMap('default', 'old'), { signal });
    for (let i = 0; i < 10; i++) await client.create(configMap('default', `n${i}`), { signal });
    const err = await rejectsWith(
      collect(
        client.watch(
          { group: '', version: 'v1', kind: 'ConfigMap' },
          { signal, namespace: 'default', resourceVersion: first.metadata.resourceVersion },
        ),
        () => false,
      ),
      'Expired',
      /^ConfigMap \(v1\) in default: watch failed: /,
    );
    assert.ok(err instanceof KubeApiError && err.httpCode === 410);
  });

  it('applies server-side with a field manager, conflicts, force and dry runs', async (t) => {
    const cluster = await startTestCluster(t);
    const signal = AbortSignal.timeout(60_000);
    const client = await clientFor(cluster, signal);
    const cm = configMap('default', 'ssa', { a: '1' });
    const applied = await client.apply(cm, { signal, fieldManager: 'one' });
    assert.deepEqual(applied['data'], { a: '1' });
    assert.ok(applied.metadata.managedFields?.some((m) => m.manager === 'one' && m.operation === 'Apply'));
    await rejectsWith(
      client.apply(configMap('default', 'ssa', { a: '2' }), { signal, fieldManager: 'two' }),
      'Conflict',
      /^ConfigMap\/default\/ssa: apply failed: Apply failed with 1 conflict/,
    );
    const dry = await client.apply(configMap('default', 'ssa', { a: '2' }), {
      signal,
      fieldManager: 'two',
      force: true,
      dryRun: 'All',
    });
    assert.deepEqual(dry['data'], { a: '2' });
    assert.deepEqual((await client.get(cmKey('default', 'ssa'), { signal }))?.['data'], { a: '1' });
    const forced = await client.apply(configMap('default', 'ssa', { a: '2' }), {
      signal,
      fieldManager: 'two',
      force: true,
    });
    assert.deepEqual(forced['data'], { a: '2' });
    const dryCreate = await client.apply(configMap('default', 'new'), {
      signal,
      fieldManager: 'one',
      dryRun: 'All',
    });
    assert.equal(dryCreate.metadata.name, 'new');
    assert.equal(await client.get(cmKey('default', 'new'), { signal }), undefined);
  });

  it('reads kubeconfig files, names broken ones, and honours AbortSignals', async (t) => {
    const cluster = await startTestCluster(t);
    const signal = AbortSignal.timeout(60_000);
    const fromFile = await createKubeClient({ kubeconfig: { path: cluster.kubeconfigPath }, signal });
    assert.ok(await fromFile.get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' }, { signal }));

    const missing = `${cluster.kubeconfigPath}.missing`;
    await rejectsWith(
      createKubeClient({ kubeconfig: { path: missing }, signal }),
      'InvalidKubeconfig',
      new RegExp(`^kubeconfig ${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `),
    );
    const broken = `${cluster.kubeconfigPath}.broken`;
    await writeFile(broken, 'clusters: [');
    await rejectsWith(createKubeClient({ kubeconfig: { path: broken }, signal }), 'InvalidKubeconfig');

    const badToken = cluster.kubeconfig().replace(cluster.token, 'wrong-token');
    const unauthorized = await createKubeClient({ kubeconfig: { text: badToken }, signal });
    await rejectsWith(
      unauthorized.get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' }, { signal }),
      'Unauthorized',
    );

    const aborted = AbortSignal.abort();
    await rejectsWith(fromFile.get(cmKey('default', 'x'), { signal: aborted }), 'ABORTED');
    const closing = new AbortController();
    const closed = await createKubeClient({
      kubeconfig: { text: cluster.kubeconfig() },
      signal: closing.signal,
    });
    await closed.list({ group: '', version: 'v1', kind: 'Namespace' }, { signal });
    closing.abort();
    await rejectsWith(closed.get(cmKey('default', 'x'), { signal }), 'ABORTED');
  });
});
