// Table tests of the task plan: the order a user sees resources created and pruned in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { argoKindOrder, kindRank } from './kind-order.ts';
import { hookName } from './hook-name.ts';
import { parseSyncOptions } from './options.ts';
import { planSync, syncSteps } from './plan.ts';
import { reconcile } from './reconcile.ts';
import { describeTask } from './task.ts';

const startedAt = new Date('2026-03-01T12:00:00Z');

function o(
  apiVersion: string,
  kind: string,
  name: string,
  extra: { ns?: string; a?: Record<string, string>; spec?: unknown } = {},
): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      ...(extra.ns !== undefined && { namespace: extra.ns }),
      ...(extra.a && { annotations: extra.a }),
    },
    ...(extra.spec !== undefined && { spec: extra.spec }),
  };
}

const namespaced = (_g: string, kind: string) =>
  !['Namespace', 'CustomResourceDefinition', 'ClusterRole'].includes(kind);

function plan(
  targets: KubeObject[],
  live: KubeObject[] = [],
  opts: Parameters<typeof planSync>[1] = {},
): string[] {
  const r = reconcile(targets, live, 'shop', namespaced);
  return planSync({ ...r, namespace: 'shop', revision: '4f2c1e9a7b', startedAt }, opts).map(describeTask);
}

test('the kind order is Helm’s 35 kinds, custom resources last', () => {
  assert.equal(argoKindOrder.length, 35);
  assert.equal(argoKindOrder[0], 'Namespace');
  assert.equal(argoKindOrder[34], 'APIService');
  assert.ok(kindRank('Namespace') < kindRank('Deployment') && kindRank('APIService') < kindRank('Widget'));
  assert.equal(kindRank('Widget'), 0);
});

test('one wave: by kind, then name; namespaces get the destination namespace', () => {
  assert.deepEqual(
    plan([
      o('apps/v1', 'Deployment', 'web'),
      o('example.com/v1', 'Widget', 'w'),
      o('v1', 'Service', 'web'),
      o('v1', 'ConfigMap', 'b'),
      o('v1', 'ConfigMap', 'a'),
      o('networking.k8s.io/v1', 'Ingress', 'web'),
    ]),
    [
      'Sync/0 apply ConfigMap/shop/a',
      'Sync/0 apply ConfigMap/shop/b',
      'Sync/0 apply Service/shop/web',
      'Sync/0 apply Deployment/shop/web',
      'Sync/0 apply Ingress/shop/web',
      'Sync/0 apply Widget/shop/w',
    ],
  );
});

test('phases, then waves, then kinds; hooks with generateName get a deterministic name', () => {
  const migrate: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { generateName: 'migrate-', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } },
  };
  const smoke = o('batch/v1', 'Job', 'smoke', {
    a: { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' },
  });
  const tasks = plan([
    smoke,
    migrate,
    o('apps/v1', 'Deployment', 'web', { a: { 'argocd.argoproj.io/sync-wave': '2' } }),
    o('v1', 'Service', 'web', { a: { 'argocd.argoproj.io/sync-wave': '2' } }),
    o('v1', 'ConfigMap', 'cfg', { a: { 'argocd.argoproj.io/sync-wave': '-1' } }),
    o('v1', 'ConfigMap', 'ignored', { a: { 'argocd.argoproj.io/hook': 'Skip' } }),
  ]);
  assert.deepEqual(tasks, [
    'PreSync/0 hook Job/shop/migrate-4f2c1e9-presync-1772366400',
    'Sync/-1 apply ConfigMap/shop/cfg',
    'Sync/2 apply Service/shop/web',
    'Sync/2 apply Deployment/shop/web',
    'PostSync/0 hook Job/shop/smoke',
  ]);
});

test('hook names: explicit names win, short revisions are kept whole', () => {
  const gen: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'check-' } };
  assert.equal(hookName(gen, 'PostSync', 'abc', startedAt), 'check-abc-postsync-1772366400');
  assert.equal(hookName(o('v1', 'Pod', 'fixed'), 'PostSync', 'abc', startedAt), 'fixed');
});

test('hooks are finalized and carry their delete policies; skipHooks drops them', () => {
  const r = reconcile(
    [
      o('batch/v1', 'Job', 'm', {
        a: { 'helm.sh/hook': 'pre-upgrade', 'helm.sh/hook-delete-policy': 'hook-succeeded' },
      }),
    ],
    [],
    'shop',
    namespaced,
  );
  const [t] = planSync({ ...r, namespace: 'shop', revision: 'r', startedAt });
  assert.deepEqual(t?.target?.metadata.finalizers, ['argocd.argoproj.io/hook-finalizer']);
  assert.deepEqual(t?.deletePolicies, ['HookSucceeded']);
  assert.equal(t?.hookType, 'PreSync');
  assert.deepEqual(planSync({ ...r, namespace: 'shop', revision: 'r', startedAt }, { skipHooks: true }), []);
});

test('a Namespace and a CRD move before their first user, taking its phase and wave', () => {
  const crd = o('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', {
    a: { 'argocd.argoproj.io/sync-wave': '5' },
    spec: { group: 'example.com', names: { kind: 'Widget' } },
  });
  const tasks = plan([
    o('example.com/v1', 'Widget', 'w', { ns: 'team', a: { 'argocd.argoproj.io/sync-wave': '1' } }),
    crd,
    o('v1', 'Namespace', 'team', { a: { 'argocd.argoproj.io/sync-wave': '3' } }),
    o('v1', 'ConfigMap', 'c', { ns: 'team', a: { 'argocd.argoproj.io/sync-wave': '-1' } }),
  ]);
  assert.deepEqual(tasks, [
    'Sync/-1 apply Namespace/team',
    'Sync/-1 apply ConfigMap/team/c',
    'Sync/1 apply CustomResourceDefinition/widgets.example.com',
    'Sync/1 apply Widget/team/w',
  ]);
});

test('custom resources of a CRD in the same sync skip the dry run, as do annotated ones', () => {
  const crd = o('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', {
    spec: { group: 'example.com', names: { kind: 'Widget' } },
  });
  const r = reconcile(
    [
      crd,
      o('example.com/v1', 'Widget', 'w'),
      o('other.io/v1', 'Gadget', 'g', {
        a: { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' },
      }),
      o('v1', 'ConfigMap', 'c'),
    ],
    [],
    'shop',
    namespaced,
  );
  const skip = planSync({ ...r, namespace: 'shop', revision: 'r', startedAt }).map((t) => [
    t.target?.kind,
    t.skipDryRun,
  ]);
  assert.deepEqual(skip, [
    ['ConfigMap', false],
    ['CustomResourceDefinition', false],
    ['Gadget', true],
    ['Widget', true],
  ]);
});

test('prune waves are reversed; PruneLast prunes after the last sync wave; prunes run first in a wave', () => {
  const live = [
    o('v1', 'ConfigMap', 'early', { ns: 'shop', a: { 'argocd.argoproj.io/sync-wave': '-1' } }),
    o('apps/v1', 'Deployment', 'late', { ns: 'shop', a: { 'argocd.argoproj.io/sync-wave': '3' } }),
    o('v1', 'Secret', 'middle', { ns: 'shop', a: { 'argocd.argoproj.io/sync-wave': '1' } }),
    o('v1', 'Service', 'last', { ns: 'shop', a: { 'argocd.argoproj.io/sync-options': 'PruneLast=true' } }),
  ];
  const tasks = plan([o('v1', 'ConfigMap', 'keep', { a: { 'argocd.argoproj.io/sync-wave': '2' } })], live);
  assert.deepEqual(tasks, [
    'Sync/-1 prune Deployment/shop/late',
    // The PruneLast Service was in wave 0 when waves were swapped: -1↔3, 0↔1.
    'Sync/0 prune Secret/shop/middle',
    'Sync/2 apply ConfigMap/shop/keep',
    'Sync/3 prune ConfigMap/shop/early',
    'Sync/4 prune Service/shop/last',
  ]);
  const appLevel = plan([o('v1', 'ConfigMap', 'keep')], [o('v1', 'Secret', 'gone', { ns: 'shop' })], {
    syncOptions: parseSyncOptions(['PruneLast=true']),
  });
  assert.deepEqual(appLevel, ['Sync/0 apply ConfigMap/shop/keep', 'Sync/1 prune Secret/shop/gone']);
});

test('CreateNamespace adds a PreSync Namespace with managed metadata unless Git has one or it is up to date', () => {
  const syncOptions = parseSyncOptions(['CreateNamespace=true']);
  const managedNamespaceMetadata = { labels: { team: 'shop' } };
  const r = reconcile([o('v1', 'ConfigMap', 'c')], [], 'shop', namespaced);
  const tasks = planSync(
    { ...r, namespace: 'shop', revision: 'r', startedAt },
    { syncOptions, managedNamespaceMetadata },
  );
  assert.deepEqual(tasks.map(describeTask), [
    'PreSync/0 apply Namespace/shop',
    'Sync/0 apply ConfigMap/shop/c',
  ]);
  assert.deepEqual(tasks[0]?.target?.metadata, { name: 'shop', labels: { team: 'shop' } });
  const upToDate: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'shop', labels: { team: 'shop', x: 'y' } },
  };
  assert.equal(
    planSync(
      { ...r, namespace: 'shop', revision: 'r', startedAt },
      { syncOptions, managedNamespaceMetadata, liveNamespace: upToDate },
    ).length,
    1,
  );
  const inGit = reconcile([o('v1', 'Namespace', 'shop'), o('v1', 'ConfigMap', 'c')], [], 'shop', namespaced);
  assert.equal(
    planSync({ ...inGit, namespace: 'shop', revision: 'r', startedAt }, { syncOptions }).filter(
      (t) => t.target?.kind === 'Namespace',
    ).length,
    1,
  );
});

test('steps group tasks by phase and wave, in order', () => {
  const r = reconcile(
    [
      o('v1', 'ConfigMap', 'a'),
      o('v1', 'ConfigMap', 'b', { a: { 'argocd.argoproj.io/sync-wave': '1' } }),
      o('batch/v1', 'Job', 'j', { a: { 'argocd.argoproj.io/hook': 'SyncFail' } }),
    ],
    [],
    'shop',
    namespaced,
  );
  const steps = syncSteps(planSync({ ...r, namespace: 'shop', revision: 'r', startedAt }));
  assert.deepEqual(
    steps.map((s) => [s.phase, s.wave, s.tasks.length]),
    [
      ['Sync', 0, 1],
      ['Sync', 1, 1],
      ['SyncFail', 0, 1],
    ],
  );
});

test('reconcile pairs live objects by group, kind, namespace and name; unknown scope tries both', () => {
  const liveCm = o('v1', 'ConfigMap', 'c', { ns: 'shop' });
  const liveRole = o('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r');
  const liveCr = o('example.com/v1', 'Widget', 'w');
  const r = reconcile(
    [
      o('v1', 'ConfigMap', 'c'),
      o('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r'),
      o('example.com/v1', 'Widget', 'w'),
    ],
    [liveCm, liveRole, liveCr, o('v1', 'Secret', 's', { ns: 'shop' })],
    'shop',
    (_g, k) => (k === 'Widget' ? undefined : namespaced(_g, k)),
  );
  assert.deepEqual(
    r.resources.map((p) => [p.target?.metadata.name, p.live?.metadata.name]),
    [
      ['c', 'c'],
      ['r', 'r'],
      ['w', 'w'],
      [undefined, 's'],
    ],
  );
});
