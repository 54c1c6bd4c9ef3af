// Flux's apply through the engine against the embedded cluster: staged apply (CRDs before their
// resources), drift-only writes, wait with kstatus, force for immutable fields, taking fields back
// from kubectl, and inventory pruning that spares what is not ours.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../src/core/index.ts';
import {
  applyStaged,
  fluxTracker,
  inventoryFromChangeSet,
  inventoryOf,
  pruneInventory,
  type StagedApplyOptions,
} from '../src/engine/index.ts';
import { createKubeClient, type KubeClient } from '../src/kube/index.ts';
import { kubectl, startTestCluster, type TestCluster } from './support/cluster.ts';
import { cronTabCrd } from './support/crd-fixtures.ts';

const tracker = fluxTracker();
let cluster: TestCluster;
let client: KubeClient;
const stop = new AbortController();
const signal = AbortSignal.timeout(120_000);

before(async () => {
  cluster = await startTestCluster();
  client = await createKubeClient({ kubeconfig: { text: cluster.kubeconfig() }, signal: stop.signal });
});
after(async () => {
  stop.abort();
  await cluster.close();
});

const owner = (name: string) => ({ tracker, name: `flux-system/${name}` });

function apply(name: string, objects: KubeObject[], options: Partial<StagedApplyOptions> = {}) {
  return applyStaged(objects, {
    signal,
    client,
    owner: owner(name),
    pollIntervalMs: 100,
    stageTimeoutMs: 10_000,
    ...options,
  });
}

function configMap(ns: string, name: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns, ...extra },
    data: { a: '1' },
  };
}

function deployment(ns: string, name: string, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } },
    },
  };
}

const get = (apiVersion: string, kind: string, namespace: string, name: string) =>
  client.get({ apiVersion, kind, namespace, name }, { signal });

describe('Flux apply against the embedded cluster', { concurrency: true }, () => {
  it('applies definitions first, waits for health, then re-applies nothing that did not drift', async () => {
    const objects: KubeObject[] = [
      {
        apiVersion: 'flux.example.com/v1',
        kind: 'CronTab',
        metadata: { name: 'nightly', namespace: 'staged' },
        spec: { cronSpec: '0 0 * * *' },
      },
      deployment('staged', 'web'),
      configMap('staged', 'settings'),
      cronTabCrd('flux.example.com'),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'staged' } },
    ];
    const first = await apply('staged', objects, { wait: true, timeoutMs: 30_000 });
    assert.equal(first.error, undefined, first.error?.message);
    assert.deepEqual(first.changeSet.toGroupedMap(), {
      created: [
        'CustomResourceDefinition/crontabs.flux.example.com',
        'Namespace/staged',
        'ConfigMap/staged/settings',
        'Deployment/staged/web',
        'CronTab/staged/nightly',
      ],
    });
    const web = await get('apps/v1', 'Deployment', 'staged', 'web');
    assert.equal(web?.metadata.labels?.['kustomize.toolkit.fluxcd.io/name'], 'staged');
    assert.equal(
      (web?.['status'] as { availableReplicas?: number }).availableReplicas,
      1,
      'waited until available',
    );
    assert.ok(web?.metadata.managedFields?.some((m) => m.manager === 'kustomize-controller'));

    const second = await apply('staged', objects);
    assert.equal(second.error, undefined, second.error?.message);
    assert.deepEqual(Object.keys(second.changeSet.toGroupedMap()), ['unchanged']);
    assert.equal(
      (await get('apps/v1', 'Deployment', 'staged', 'web'))?.metadata.resourceVersion,
      web?.metadata.resourceVersion,
    );
  });

  it('reports a wait that times out with the objects and their kstatus', async () => {
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'waiting' } }, { signal });
    const result = await apply('waiting', [deployment('waiting', 'stuck', 'registry.invalid/app:1')], {
      wait: true,
      timeoutMs: 1500,
    });
    assert.equal(result.error?.code, 'WAIT_TIMEOUT');
    assert.match(
      result.error?.message ?? '',
      /timeout waiting for: \[Deployment\/waiting\/stuck status: 'InProgress'/,
    );
  });

  it('recreates an object whose immutable field changed only with force', async () => {
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'forced' } }, { signal });
    assert.equal((await apply('forced', [deployment('forced', 'web')])).error, undefined);
    const before = await get('apps/v1', 'Deployment', 'forced', 'web');
    const changed = deployment('forced', 'web');
    (changed['spec'] as { selector: unknown }).selector = { matchLabels: { app: 'web', v: '2' } };
    (changed['spec'] as { template: { metadata: unknown } }).template.metadata = {
      labels: { app: 'web', v: '2' },
    };
    const refused = await apply('forced', [changed]);
    assert.equal(refused.error?.code, 'DRY_RUN_FAILED');
    assert.match(refused.error?.message ?? '', /field is immutable/);
    assert.deepEqual(refused.changeSet.toGroupedMap().failed, ['Deployment/forced/web']);
    const forced = await apply('forced', [changed], { force: true });
    assert.equal(forced.error, undefined, forced.error?.message);
    assert.notEqual(
      (await get('apps/v1', 'Deployment', 'forced', 'web'))?.metadata.uid,
      before?.metadata.uid,
    );
  });

  it('takes fields back from kubectl, so kubectl edits are reverted', async () => {
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'takeover' } }, { signal });
    const objects = [configMap('takeover', 'settings', { labels: { team: 'a' } })];
    assert.equal((await apply('takeover', objects)).error, undefined);
    const r = await kubectl(['-n', 'takeover', 'label', 'configmap/settings', 'added-by-hand=yes'], cluster);
    assert.equal(r.code, 0, r.stderr);
    const edited = await get('v1', 'ConfigMap', 'takeover', 'settings');
    assert.equal(edited?.metadata.labels?.['added-by-hand'], 'yes');
    const result = await apply('takeover', objects);
    assert.equal(result.error, undefined, result.error?.message);
    assert.deepEqual(result.changeSet.toGroupedMap(), { configured: ['ConfigMap/takeover/settings'] });
    const reverted = await get('v1', 'ConfigMap', 'takeover', 'settings');
    assert.equal(reverted?.metadata.labels?.['added-by-hand'], undefined);
    assert.ok(!reverted?.metadata.managedFields?.some((m) => m.manager?.startsWith('kubectl')));
  });

  it('prunes the stale objects of its inventory, never one that is not its own or is protected', async () => {
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gc' } }, { signal });
    const all = [
      configMap('gc', 'keep'),
      configMap('gc', 'stale'),
      configMap('gc', 'protected', { annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' } }),
      configMap('gc', 'adopted'),
    ];
    const first = await apply('gc', all);
    assert.equal(first.error, undefined);
    const previous = inventoryFromChangeSet(first.changeSet);
    // Someone else took `adopted` over: its owner labels name another Kustomization.
    await client.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'gc', name: 'adopted' },
      { type: 'merge', body: { metadata: { labels: { 'kustomize.toolkit.fluxcd.io/name': 'other' } } } },
      { signal },
    );
    const next = await apply('gc', [configMap('gc', 'keep')]);
    const { changeSet, inventory } = await pruneInventory(previous, inventoryFromChangeSet(next.changeSet), {
      signal,
      client,
      owner: owner('gc'),
      wait: true,
    });
    assert.deepEqual(changeSet.toGroupedMap(), {
      pruned: ['ConfigMap/gc/stale'],
      skipped: ['ConfigMap/gc/protected', 'ConfigMap/gc/adopted'],
    });
    assert.equal(await get('v1', 'ConfigMap', 'gc', 'stale'), undefined);
    assert.ok(await get('v1', 'ConfigMap', 'gc', 'protected'));
    assert.deepEqual(inventory, inventoryOf([configMap('gc', 'keep')]));
  });
});
