// Argo CD sync operations through the engine against the embedded cluster and its simulated
// controllers: waves wait for health, hooks and their delete policies, prune order, immutable
// fields and Force, retries, dry runs, and the safety refusals. One cluster for the file; every
// test in its own namespace, all concurrent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../src/core/index.ts';
import {
  argoTracker,
  createClusterCache,
  getHealth,
  runAppDeletion,
  runSync,
  type ClusterCache,
  type OperationState,
  type SyncRunOptions,
} from '../src/engine/index.ts';
import { createKubeClient, type KubeClient } from '../src/kube/index.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { cronTabCrd } from './support/crd-fixtures.ts';

const tracker = argoTracker();
const HOOK = 'argocd.argoproj.io/hook';
const DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';
const WAVE = 'argocd.argoproj.io/sync-wave';
const OPTIONS = 'argocd.argoproj.io/sync-options';

let cluster: TestCluster;
let client: KubeClient;
let cache: ClusterCache;
const signal = AbortSignal.timeout(150_000);

const stop = new AbortController();
before(async () => {
  cluster = await startTestCluster();
  client = await createKubeClient({ kubeconfig: { text: cluster.kubeconfig() }, signal: stop.signal });
  cache = createClusterCache({
    client,
    signal: stop.signal,
    trackers: { argocd: tracker },
    retryInitialMs: 100,
  });
  await cache.synced({ signal });
});
// The cache's watches end before the cluster closes.
after(async () => {
  stop.abort();
  await cluster.close();
});

function configMap(
  namespace: string,
  name: string,
  annotations: Record<string, string> = {},
  data = {},
): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, annotations }, data };
}

function deployment(namespace: string, name: string, annotations: Record<string, string> = {}, label = name) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, annotations },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: label } },
      template: {
        metadata: { labels: { app: label } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
    },
  } satisfies KubeObject;
}

function job(
  namespace: string,
  name: string,
  annotations: Record<string, string>,
  image = 'busybox:1.36',
): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace, annotations },
    spec: {
      backoffLimit: 0,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'run', image }] } },
    },
  };
}

async function namespace(name: string): Promise<void> {
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { signal });
}

function sync(
  app: string,
  ns: string,
  desired: KubeObject[],
  options: Partial<SyncRunOptions> = {},
): ReturnType<typeof runSync> {
  return runSync(
    {
      app,
      namespace: ns,
      revision: 'a1b2c3d4e5f6',
      desired,
      live: cache.owned({ tracker: 'argocd', owner: app }),
    },
    {
      signal,
      client,
      reader: cache.reader(),
      tracker,
      waveDelayMs: 50,
      pollIntervalMs: 100,
      waveTimeoutMs: 60_000,
      ...options,
    },
  );
}

const get = (apiVersion: string, kind: string, namespace: string, name: string) =>
  client.get({ apiVersion, kind, namespace, name }, { signal });

function results(state: OperationState): string[] {
  return (state.syncResult?.resources ?? []).map(
    (r) => `${r.kind}/${r.name} ${r.status}${r.hookPhase ? ` ${r.hookPhase}` : ''}`,
  );
}

async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('sync against the embedded cluster', { concurrency: true }, () => {
  it('creates wave by wave, each wave only once the previous one is healthy', async () => {
    await namespace('waves');
    const seen: string[] = [];
    const stop = cache.subscribe({}, (e) => {
      if (e.type !== 'added' || e.key.namespace !== 'waves' || e.key.kind !== 'ConfigMap') return;
      const d = cache.get({ group: 'apps', kind: 'Deployment', namespace: 'waves', name: 'web' });
      seen.push(`${e.key.name} after deployment ${d ? getHealth(d)?.status : 'missing'}`);
    });
    const { state, changeSet } = await sync('waves', 'waves', [
      configMap('waves', 'later', { [WAVE]: '1' }),
      deployment('waves', 'web'),
      configMap('waves', 'first', { [WAVE]: '-1' }),
    ]);
    // The last wave is not waited for (Argo CD: a sync ends when its last wave is applied).
    await eventually('the cache to see the last wave', () => (seen.length === 2 ? true : undefined));
    stop();
    assert.equal(state.phase, 'Succeeded', state.message);
    assert.deepEqual(seen, ['first after deployment missing', 'later after deployment Healthy']);
    assert.deepEqual(results(state).sort(), [
      'ConfigMap/first Synced',
      'ConfigMap/later Synced',
      'Deployment/web Synced',
    ]);
    assert.deepEqual(changeSet.toGroupedMap(), {
      created: ['ConfigMap/waves/first', 'Deployment/waves/web', 'ConfigMap/waves/later'],
    });
    const live = await get('apps/v1', 'Deployment', 'waves', 'web');
    assert.equal(tracker.ownerOf(live!), 'waves', 'applied objects carry the tracking id');
    assert.ok(
      live?.metadata.managedFields?.some((m) => m.manager === 'argocd-controller' && m.operation === 'Apply'),
    );

    // Again: nothing changed, nothing written.
    const again = await sync('waves', 'waves', [
      configMap('waves', 'later', { [WAVE]: '1' }),
      deployment('waves', 'web'),
      configMap('waves', 'first', { [WAVE]: '-1' }),
    ]);
    assert.equal(again.state.phase, 'Succeeded', again.state.message);
    assert.deepEqual(again.changeSet.toGroupedMap(), {
      unchanged: ['ConfigMap/waves/first', 'Deployment/waves/web', 'ConfigMap/waves/later'],
    });
    assert.equal(
      (await get('apps/v1', 'Deployment', 'waves', 'web'))?.metadata.resourceVersion,
      live?.metadata.resourceVersion,
    );
  });

  it('runs hooks in their phases and deletes them as their policies say', async () => {
    await namespace('hooks');
    const desired = () => [
      job('hooks', 'migrate', { [HOOK]: 'PreSync', [DELETE_POLICY]: 'HookSucceeded' }),
      configMap('hooks', 'app'),
      job('hooks', 'smoke', { [HOOK]: 'PostSync' }),
    ];
    const first = await sync('hooks', 'hooks', desired());
    assert.equal(first.state.phase, 'Succeeded', first.state.message);
    assert.deepEqual(results(first.state), [
      'Job/migrate Synced Succeeded',
      'ConfigMap/app Synced',
      'Job/smoke Synced Succeeded',
    ]);
    await eventually('migrate to be deleted (HookSucceeded)', async () =>
      (await get('batch/v1', 'Job', 'hooks', 'migrate')) ? undefined : true,
    );
    const smoke = await get('batch/v1', 'Job', 'hooks', 'smoke');
    assert.ok(smoke, 'BeforeHookCreation keeps the hook until the next sync');
    assert.ok(!(smoke.metadata.finalizers ?? []).includes('argocd.argoproj.io/hook-finalizer'));

    const second = await sync('hooks', 'hooks', desired());
    assert.equal(second.state.phase, 'Succeeded', second.state.message);
    const again = await get('batch/v1', 'Job', 'hooks', 'smoke');
    assert.notEqual(again?.metadata.uid, smoke.metadata.uid, 'BeforeHookCreation replaced the hook');
  });

  it('fails on a failed PreSync hook, runs SyncFail hooks, and applies nothing after it', async () => {
    await namespace('hookfail');
    const { state } = await sync('hookfail', 'hookfail', [
      job('hookfail', 'migrate', { [HOOK]: 'PreSync', [DELETE_POLICY]: 'HookFailed' }, 'busybox:fail'),
      configMap('hookfail', 'app'),
      configMap('hookfail', 'notify', { [HOOK]: 'SyncFail' }),
    ]);
    assert.equal(state.phase, 'Failed');
    assert.equal(state.message, 'one or more synchronization tasks completed unsuccessfully');
    assert.ok(results(state).includes('Job/migrate SyncFailed Failed'), results(state).join('\n'));
    assert.equal(await get('v1', 'ConfigMap', 'hookfail', 'app'), undefined);
    assert.ok(await get('v1', 'ConfigMap', 'hookfail', 'notify'), 'the SyncFail hook ran');
    await eventually('the failed hook to be deleted (HookFailed)', async () =>
      (await get('batch/v1', 'Job', 'hookfail', 'migrate')) ? undefined : true,
    );
  });

  it('prunes in reverse wave order, PruneLast last, and keeps Prune=false', async () => {
    await namespace('prune');
    const all = [
      configMap('prune', 'keep'),
      configMap('prune', 'a', { [WAVE]: '1' }),
      configMap('prune', 'b', { [WAVE]: '2' }),
      configMap('prune', 'last', { [OPTIONS]: 'PruneLast=true' }),
      configMap('prune', 'never', { [OPTIONS]: 'Prune=false' }),
    ];
    assert.equal((await sync('prune', 'prune', all)).state.phase, 'Succeeded');
    await eventually('the cache to track them', () =>
      cache.owned({ tracker: 'argocd', owner: 'prune' }).length === 5 ? true : undefined,
    );
    const withoutPrune = await sync('prune', 'prune', [configMap('prune', 'keep')]);
    assert.ok(results(withoutPrune.state).includes('ConfigMap/a PruneSkipped'));
    assert.equal(
      withoutPrune.state.syncResult?.resources.find((r) => r.name === 'a')?.message,
      'ignored (requires pruning)',
    );
    const deleted: string[] = [];
    const stop = cache.subscribe({}, (e) => {
      if (e.type === 'deleted' && e.key.namespace === 'prune') deleted.push(e.key.name);
    });
    const { state, changeSet } = await sync('prune', 'prune', [configMap('prune', 'keep')], { prune: true });
    await eventually('the last prune to reach the cache', () => (deleted.length === 3 ? true : undefined));
    stop();
    assert.equal(state.phase, 'Succeeded', state.message);
    assert.deepEqual(deleted, ['b', 'a', 'last']);
    assert.equal(state.syncResult?.resources.find((r) => r.name === 'never')?.message, 'ignored (no prune)');
    assert.ok(await get('v1', 'ConfigMap', 'prune', 'never'));
    assert.deepEqual(changeSet.toGroupedMap().pruned?.sort(), [
      'ConfigMap/prune/a',
      'ConfigMap/prune/b',
      'ConfigMap/prune/last',
    ]);
  });

  it('refuses to change an immutable field unless forced, then recreates the object', async () => {
    await namespace('immutable');
    assert.equal(
      (await sync('immutable', 'immutable', [deployment('immutable', 'web')])).state.phase,
      'Succeeded',
    );
    const before = await get('apps/v1', 'Deployment', 'immutable', 'web');
    const changed = deployment('immutable', 'web', {}, 'web-v2');
    const refused = await sync('immutable', 'immutable', [changed]);
    assert.equal(refused.state.phase, 'Failed');
    assert.equal(refused.state.message, 'one or more objects failed to apply (dry run)');
    assert.match(refused.state.syncResult?.resources[0]?.message ?? '', /field is immutable/);
    assert.equal(
      (await get('apps/v1', 'Deployment', 'immutable', 'web'))?.metadata.uid,
      before?.metadata.uid,
    );

    const forced = await sync('immutable', 'immutable', [changed], { syncOptions: { force: true } });
    assert.equal(forced.state.phase, 'Succeeded', forced.state.message);
    assert.match(forced.state.syncResult?.resources[0]?.message ?? '', /deployment\.apps\/web replaced/);
    const after = await get('apps/v1', 'Deployment', 'immutable', 'web');
    assert.notEqual(after?.metadata.uid, before?.metadata.uid);
    assert.deepEqual((after?.['spec'] as { selector: unknown }).selector, { matchLabels: { app: 'web-v2' } });
  });

  it('retries a failed sync with backoff until it succeeds', async () => {
    const progress: OperationState[] = [];
    let created = false;
    const { state } = await sync('retry', 'retry-later', [configMap('retry-later', 'settings')], {
      retry: { limit: 5, backoff: { duration: '200ms', factor: 1 } },
      onProgress: (s) => {
        progress.push(s);
        if (s.phase === 'Failed' && !created) {
          created = true;
          void namespace('retry-later');
        }
      },
    });
    assert.equal(state.phase, 'Succeeded', state.message);
    assert.ok((state.retryCount ?? 0) >= 1);
    assert.match(state.message, /\(retried \d+ times\)\.$/);
    assert.ok(
      progress.some(
        (p) =>
          p.phase === 'Failed' &&
          /namespaces "retry-later" not found/.test(p.syncResult?.resources[0]?.message ?? ''),
      ),
    );
  });

  it('dry runs change nothing, and a failed dry run keeps every write back', async () => {
    await namespace('dryrun');
    await sync('dryrun', 'dryrun', [configMap('dryrun', 'old')]);
    const dry = await sync('dryrun', 'dryrun', [deployment('dryrun', 'web'), configMap('dryrun', 'new')], {
      dryRun: true,
      prune: true,
    });
    assert.equal(dry.state.phase, 'Succeeded', dry.state.message);
    assert.ok(
      dry.state.syncResult?.resources.every((r) => /dry run/.test(r.message)),
      results(dry.state).join(),
    );
    assert.equal(await get('apps/v1', 'Deployment', 'dryrun', 'web'), undefined);
    assert.ok(await get('v1', 'ConfigMap', 'dryrun', 'old'));

    await client.create(cronTabCrd('dryrun.example.com'), { signal });
    const invalid: KubeObject = {
      apiVersion: 'dryrun.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'nightly', namespace: 'dryrun' },
      spec: { replicas: 100 },
    };
    const failed = await sync('dryrun', 'dryrun', [configMap('dryrun', 'new'), invalid]);
    assert.equal(failed.state.phase, 'Failed');
    assert.equal(failed.state.message, 'one or more objects failed to apply (dry run)');
    assert.equal(
      await get('v1', 'ConfigMap', 'dryrun', 'new'),
      undefined,
      'nothing applied after a failed dry run',
    );
  });

  it('refuses to prune everything when Git is suddenly empty, unless allowEmpty', async () => {
    await namespace('empty');
    await sync('empty', 'empty', [configMap('empty', 'a'), configMap('empty', 'b')]);
    await eventually('tracked', () =>
      cache.owned({ tracker: 'argocd', owner: 'empty' }).length === 2 ? true : undefined,
    );
    const refused = await sync('empty', 'empty', [], { prune: true });
    assert.equal(refused.state.phase, 'Failed');
    assert.match(refused.state.message, /auto-sync will wipe out all resources \(2\)/);
    assert.ok(await get('v1', 'ConfigMap', 'empty', 'a'));
    const allowed = await sync('empty', 'empty', [], { prune: true, allowEmpty: true });
    assert.equal(allowed.state.phase, 'Succeeded', allowed.state.message);
    assert.equal(await get('v1', 'ConfigMap', 'empty', 'a'), undefined);
  });

  it('fails on a resource another application owns with FailOnSharedResource', async () => {
    await namespace('shared');
    await sync('other', 'shared', [configMap('shared', 'db')]);
    await eventually('tracked', () =>
      cache.owned({ tracker: 'argocd', owner: 'other' }).length === 1 ? true : undefined,
    );
    const { state } = await sync('mine', 'shared', [configMap('shared', 'db', {}, { k: 'v' })], {
      syncOptions: { failOnSharedResource: true },
    });
    assert.equal(state.phase, 'Failed');
    assert.match(
      state.message,
      /^ConfigMap\/shared\/db: Shared resource found: ConfigMap\/db is part of applications mine and other/,
    );
    assert.equal(tracker.ownerOf((await get('v1', 'ConfigMap', 'shared', 'db'))!), 'other');
  });

  it('creates the destination namespace with its managed metadata', async () => {
    const { state } = await sync('ns', 'fresh-ns', [configMap('fresh-ns', 'inside')], {
      syncOptions: { createNamespace: true },
      managedNamespaceMetadata: { labels: { team: 'shop' } },
    });
    assert.equal(state.phase, 'Succeeded', state.message);
    const ns = await get('v1', 'Namespace', '', 'fresh-ns');
    assert.equal(ns?.metadata.labels?.['team'], 'shop');
    assert.ok(await get('v1', 'ConfigMap', 'fresh-ns', 'inside'));
    assert.equal(tracker.ownerOf(ns), undefined, 'the namespace is not tracked, so never pruned');
  });

  it('applies with the sync options: client-side apply, Replace, ApplyOutOfSyncOnly, a CRD with its resources', async () => {
    await namespace('options');
    const crd = cronTabCrd('options.example.com');
    const cr: KubeObject = {
      apiVersion: 'options.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'nightly', namespace: 'options' },
      spec: { cronSpec: '0 0 * * *' },
    };
    const desired = [
      crd,
      cr,
      configMap('options', 'csa', { [OPTIONS]: 'ServerSideApply=false' }, { a: '1' }),
      configMap('options', 'replaced', { [OPTIONS]: 'Replace=true' }, { a: '1' }),
    ];
    const first = await sync('options', 'options', desired);
    assert.equal(first.state.phase, 'Succeeded', first.state.message);
    assert.ok(
      await get('options.example.com/v1', 'CronTab', 'options', 'nightly'),
      'the CR of a CRD in the same sync',
    );
    const csa = await get('v1', 'ConfigMap', 'options', 'csa');
    assert.ok(
      csa?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'],
      'client-side apply',
    );
    assert.ok(csa?.metadata.managedFields?.some((m) => m.manager === 'kubectl-client-side-apply'));
    const replaced = await get('v1', 'ConfigMap', 'options', 'replaced');
    assert.ok(
      replaced?.metadata.managedFields?.some((m) => m.operation === 'Update'),
      'Replace writes with PUT',
    );

    // Only what is out of sync is applied, and only it shows in the result.
    const changed = desired.map((d) => (d.metadata.name === 'replaced' ? { ...d, data: { a: '2' } } : d));
    const second = await sync('options', 'options', changed, { syncOptions: { applyOutOfSyncOnly: true } });
    assert.equal(second.state.phase, 'Succeeded', second.state.message);
    assert.deepEqual(results(second.state), ['ConfigMap/replaced Synced']);
    assert.deepEqual((await get('v1', 'ConfigMap', 'options', 'replaced'))?.['data'], { a: '2' });
  });

  it('deletes an application: PreDelete hooks, its resources except Delete=false, then PostDelete hooks', async () => {
    await namespace('deletion');
    await sync('deletion', 'deletion', [
      configMap('deletion', 'a'),
      configMap('deletion', 'kept', { [OPTIONS]: 'Delete=false' }),
      deployment('deletion', 'web'),
    ]);
    const live = await eventually('tracked', () => {
      const owned = cache.owned({ tracker: 'argocd', owner: 'deletion' });
      return owned.length === 3 ? owned : undefined;
    });
    const outcome = await runAppDeletion(
      {
        app: 'deletion',
        namespace: 'deletion',
        revision: 'r1',
        live,
        desired: [
          job('deletion', 'backup', { [HOOK]: 'PreDelete', [DELETE_POLICY]: 'HookSucceeded' }),
          configMap('deletion', 'goodbye', { [HOOK]: 'PostDelete' }),
        ],
      },
      { signal, client, tracker, pollIntervalMs: 100, reader: cache.reader() },
    );
    assert.equal(outcome.phase, 'Succeeded', outcome.message);
    assert.equal(await get('apps/v1', 'Deployment', 'deletion', 'web'), undefined);
    assert.equal(await get('v1', 'ConfigMap', 'deletion', 'a'), undefined);
    assert.ok(await get('v1', 'ConfigMap', 'deletion', 'kept'));
    assert.ok(await get('v1', 'ConfigMap', 'deletion', 'goodbye'), 'the PostDelete hook ran');
    await eventually('the PreDelete hook to be deleted', async () =>
      (await get('batch/v1', 'Job', 'deletion', 'backup')) ? undefined : true,
    );
    assert.deepEqual(outcome.changeSet.toGroupedMap().skipped, ['ConfigMap/deletion/kept']);
  });
});
