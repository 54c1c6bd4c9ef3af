// Garbage collection, graceful pod deletion and restart safety of the embedded cluster's
// simulated control plane, through kubectl. The pace is real time (a 2 s termination grace)
// that Terminating objects can be seen.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../src/core/index.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { deployment, eventually, namespaced, tableRows } from './support/workloads.ts';

let cluster: TestCluster;
before(async () => {
  cluster = await startTestCluster(undefined, { podStartDelayMs: 50, pace: 1 });
});
after(() => cluster.close());

type List = { items: KubeObject[] };

describe('garbage collection through kubectl', { concurrency: true }, () => {
  it('background deletion (the default) removes the ReplicaSets and Pods after the Deployment', async () => {
    const k = await namespaced(cluster, 'gc-background');
    await k.create(deployment('web', 'nginx:1.27', 2));
    await k.ok(['rollout', 'status', 'deploy/web', '--timeout=60s']);
    await k.ok(['delete', 'deploy', 'web']);
    await eventually('ReplicaSets and Pods gone', async () => {
      const left = await k.json<List>(['get', 'rs,pods']);
      return left.items.length === 0;
    });
  });

  it('foreground deletion keeps the Deployment until its dependents are gone', async () => {
    const k = await namespaced(cluster, 'gc-foreground');
    await k.create(deployment('web', 'nginx:1.27', 2));
    await k.ok(['rollout', 'status', 'deploy/web', '--timeout=60s']);
    // Watches see every step however fast it goes: who got which finalizer, and who went when.
    const seen: string[] = [];
    const watches = [
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
      { apiVersion: 'v1', kind: 'Pod' },
    ].map((type) => {
      const w = cluster.api.watch(type, {
        namespace: 'gc-foreground',
        resourceVersion: cluster.api.resourceVersion,
      });
      const done = (async () => {
        for await (const e of w) {
          const m = e.object.metadata;
          if (e.type === 'DELETED') seen.push(`gone ${type.kind}`);
          else if (m.deletionTimestamp) seen.push(`deleting ${type.kind} ${(m.finalizers ?? []).join(',')}`);
        }
      })();
      return { w, done };
    });
    try {
      // kubectl waits for the Deployment itself to go.
      await k.ok(['delete', 'deploy', 'web', '--cascade=foreground']);
      assert.equal((await k.json<List>(['get', 'rs,pods'])).items.length, 0);
      await eventually('the last events', () => Promise.resolve(seen.includes('gone Deployment')));
    } finally {
      for (const { w, done } of watches) {
        w.close();
        await done;
      }
    }
    assert.ok(seen.includes('deleting Deployment foregroundDeletion'), seen.join('\n'));
    assert.ok(
      seen.includes('deleting ReplicaSet foregroundDeletion'),
      'a dependent with dependents goes in the foreground too',
    );
    assert.ok(
      seen.some((e) => e.startsWith('deleting Pod')),
      'pods terminate gracefully',
    );
    const lastPod = seen.lastIndexOf('gone Pod');
    assert.ok(lastPod < seen.indexOf('gone ReplicaSet'), seen.join('\n'));
    assert.ok(seen.indexOf('gone ReplicaSet') < seen.indexOf('gone Deployment'), seen.join('\n'));
  });

  it('orphan deletion strips ownerReferences and leaves the dependents running, for the next owner to adopt', async () => {
    const k = await namespaced(cluster, 'gc-orphan');
    await k.create(deployment('web', 'nginx:1.27', 2));
    await k.ok(['rollout', 'status', 'deploy/web', '--timeout=60s']);
    await k.ok(['delete', 'deploy', 'web', '--cascade=orphan']);
    const sets = await eventually('the ReplicaSet orphaned', async () => {
      const list = await k.json<List>(['get', 'rs']);
      return list.items.length === 1 && !list.items[0]!.metadata.ownerReferences ? list : undefined;
    });
    const rsName = sets.items[0]!.metadata.name!;
    await new Promise((r) => setTimeout(r, 500));
    const pods = await k.json<List>(['get', 'pods']);
    assert.equal(pods.items.length, 2);
    assert.ok(pods.items.every((p) => p.metadata.ownerReferences?.[0]?.name === rsName));
    assert.ok(tableRows(await k.ok(['get', 'pods'])).every((r) => r[2] === 'Running'));

    // The same Deployment again adopts the orphaned ReplicaSet instead of starting over.
    await k.create(deployment('web', 'nginx:1.27', 2));
    const adopted = await eventually('the ReplicaSet adopted', async () => {
      const rs = await k.json<KubeObject>(['get', 'rs', rsName]);
      return rs.metadata.ownerReferences?.[0]?.kind === 'Deployment' ? rs : undefined;
    });
    const owner = await k.json<KubeObject>(['get', 'deploy', 'web']);
    assert.equal(adopted.metadata.ownerReferences?.[0]?.uid, owner.metadata.uid);
    await k.ok(['rollout', 'status', 'deploy/web', '--timeout=60s']);
    const after = (await k.json<List>(['get', 'pods'])).items.map((p) => p.metadata.name).sort();
    assert.deepEqual(after, pods.items.map((p) => p.metadata.name).sort());
    assert.equal((await k.json<List>(['get', 'rs'])).items.length, 1);
  });

  it('collects any kind whose owner is gone, and deletes pods gracefully', async () => {
    const k = await namespaced(cluster, 'gc-any');
    await k.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' }, data: {} });
    const owner = await k.json<KubeObject>(['get', 'cm', 'owner']);
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid };
    await k.create(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'child', ownerReferences: [ref] }, data: {} },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'stray',
          ownerReferences: [{ ...ref, name: 'gone', uid: '00000000-0000-0000-0000-000000000000' }],
        },
        data: {},
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'solo' },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
      },
    );
    await eventually(
      'the stray dependent collected',
      async () => (await k.run(['get', 'cm', 'stray'])).code !== 0,
    );
    assert.equal((await k.run(['get', 'cm', 'child'])).code, 0, 'a dependent with a live owner stays');
    await k.ok(['delete', 'cm', 'owner']);
    await eventually('the child collected', async () => (await k.run(['get', 'cm', 'child'])).code !== 0);

    await eventually(
      'the pod running',
      async () => tableRows(await k.ok(['get', 'pod', 'solo']))[0]?.[2] === 'Running',
    );
    await k.ok(['delete', 'pod', 'solo', '--wait=false']);
    assert.equal(tableRows(await k.ok(['get', 'pod', 'solo']))[0]?.[2], 'Terminating');
    await k.ok(['wait', '--for=delete', 'pod/solo', '--timeout=30s']);
    assert.match(
      await k.ok(['get', 'events', '--field-selector', 'involvedObject.name=solo']),
      /Killing\s+pod\/solo\s+Stopping container c/,
    );
  });
});

describe('namespaces', () => {
  it('deleting a namespace with running workloads waits for its pods to terminate', async () => {
    const k = await namespaced(cluster, 'doomed');
    await k.create(deployment('web', 'nginx:1.27', 2));
    await k.ok(['rollout', 'status', 'deploy/web', '--timeout=60s']);
    await k.ok(['delete', 'namespace', 'doomed', '--wait=false']);
    const ns = await k.json<KubeObject & { status?: { phase?: string } }>(['get', 'namespace', 'doomed']);
    assert.equal(ns.status?.phase, 'Terminating');
    await k.ok(['wait', '--for=delete', 'namespace/doomed', '--timeout=60s']);
    assert.equal((await k.json<List>(['get', 'pods,rs,deploy'])).items.length, 0);
  });
});

describe('restarts', () => {
  it('resume from stored state without duplicating pods', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'capstan-restart-'));
    try {
      const first = await startTestCluster(undefined, { dataDir, podStartDelayMs: 50, pace: 0.1 });
      const k1 = await namespaced(first, 'restart');
      await k1.create(deployment('web', 'nginx:1.27', 3));
      await k1.ok(['rollout', 'status', 'deploy/web', '--timeout=60s']);
      const before = (await k1.json<List>(['get', 'pods'])).items.map((p) => p.metadata.name).sort();
      await first.close();

      const second = await startTestCluster(undefined, { dataDir, podStartDelayMs: 50, pace: 0.1 });
      try {
        const k2 = await namespaced(second, 'restart', { create: false });
        await new Promise((r) => setTimeout(r, 1000));
        const after = (await k2.json<List>(['get', 'pods'])).items.map((p) => p.metadata.name).sort();
        assert.deepEqual(after, before);
        assert.equal((await k2.json<List>(['get', 'rs'])).items.length, 1);
        assert.equal((await k2.json<List>(['get', 'nodes'])).items.length, 1);
        await k2.ok(['scale', 'deploy/web', '--replicas=4']);
        await k2.ok(['rollout', 'status', 'deploy/web', '--timeout=60s']);
        assert.equal((await k2.json<List>(['get', 'pods'])).items.length, 4);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
