// ChangeSet, operation state helpers, prune decisions and safety checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { ChangeSet } from './changeset.ts';
import { hookPhaseFromHealth, resourcePhaseFromHealth, resourceResult, waitingMessage } from './operation.ts';
import { parseSyncOptions } from './options.ts';
import { pruneDecision } from './prune.ts';
import { checkPruneAll, checkSharedResources, sharedResources } from './safety.ts';
import type { SyncTask } from './task.ts';

const dep: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
};
const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } };

function task(over: Partial<SyncTask> = {}): SyncTask {
  return {
    phase: 'Sync',
    wave: 0,
    target: dep,
    live: undefined,
    hookType: undefined,
    deletePolicies: [],
    options: {},
    skipDryRun: false,
    ...over,
  };
}

test('a ChangeSet names each object first and groups by action', () => {
  const cs = new ChangeSet();
  cs.add(dep, 'configured');
  cs.add(cm, 'unchanged');
  cs.add(cm, 'failed', 'apply failed: admission webhook denied the request');
  assert.equal(
    cs.toString(),
    'Deployment/shop/web configured\nConfigMap/shop/c unchanged\nConfigMap/shop/c: apply failed: admission webhook denied the request',
  );
  assert.deepEqual(cs.toGroupedMap(), {
    configured: ['Deployment/shop/web'],
    unchanged: ['ConfigMap/shop/c'],
    failed: ['ConfigMap/shop/c'],
  });
  assert.equal(cs.failed().length, 1);
  assert.equal(cs.hasChanges(), true);
  assert.deepEqual(
    { group: cs.entries[0]?.group, version: cs.entries[0]?.version },
    { group: 'apps', version: 'v1' },
  );
});

test('resource results have Argo CD’s operationState shape', () => {
  const hook = task({
    phase: 'PreSync',
    hookType: 'PreSync',
    target: { ...cm, kind: 'Job', apiVersion: 'batch/v1' },
  });
  assert.deepEqual(resourceResult(hook, 'Synced', 'Job created', 'Running'), {
    group: 'batch',
    version: 'v1',
    kind: 'Job',
    namespace: 'shop',
    name: 'c',
    status: 'Synced',
    message: 'Job created',
    hookType: 'PreSync',
    hookPhase: 'Running',
    syncPhase: 'PreSync',
  });
});

test('hook and resource progress come from health', () => {
  assert.deepEqual(hookPhaseFromHealth('m', { status: 'Healthy' }), { phase: 'Succeeded', message: '' });
  assert.deepEqual(hookPhaseFromHealth('m', { status: 'Progressing', message: 'p' }), {
    phase: 'Running',
    message: 'p',
  });
  assert.deepEqual(hookPhaseFromHealth('m', { status: 'Suspended' }).phase, 'Running');
  assert.deepEqual(hookPhaseFromHealth('m', { status: 'Degraded', message: 'BackoffLimitExceeded' }), {
    phase: 'Failed',
    message: 'BackoffLimitExceeded',
  });
  assert.deepEqual(hookPhaseFromHealth('m', { status: 'Unknown' }).phase, 'Failed');
  assert.deepEqual(hookPhaseFromHealth('m', undefined), { phase: 'Succeeded', message: 'm created' });
  assert.equal(resourcePhaseFromHealth(undefined), 'Succeeded');
  assert.equal(resourcePhaseFromHealth({ status: 'Degraded' }), 'Failed');
  assert.equal(resourcePhaseFromHealth({ status: 'Progressing' }), 'Running');
  assert.equal(
    waitingMessage([task(), task({ target: cm }), task()]),
    'waiting for healthy state of apps/Deployment/web and 2 more resources',
  );
  assert.equal(
    waitingMessage([task({ hookType: 'PostSync', phase: 'PostSync' })]),
    'waiting for completion of hook apps/Deployment/web',
  );
  assert.equal(waitingMessage([task()], true), 'waiting for deletion of apps/Deployment/web');
});

test('prune decisions carry Argo CD’s messages and propagation', () => {
  const prune = (options = {}, live: KubeObject = dep) => task({ target: undefined, live, options });
  const ctx = { prune: true, dryRun: false, confirmed: false };
  assert.deepEqual(pruneDecision(prune(), { ...ctx, prune: false }), {
    action: 'skip',
    status: 'PruneSkipped',
    message: 'ignored (requires pruning)',
  });
  assert.deepEqual(pruneDecision(prune(parseSyncOptions(['Prune=false'])), ctx), {
    action: 'skip',
    status: 'PruneSkipped',
    message: 'ignored (no prune)',
  });
  assert.equal(pruneDecision(prune(parseSyncOptions(['Prune=confirm'])), ctx).action, 'await-confirmation');
  assert.deepEqual(pruneDecision(prune(parseSyncOptions(['Prune=confirm'])), { ...ctx, confirmed: true }), {
    action: 'delete',
    propagationPolicy: 'Foreground',
  });
  assert.deepEqual(pruneDecision(prune(), { ...ctx, dryRun: true }), {
    action: 'none',
    status: 'Pruned',
    message: 'pruned (dry run)',
  });
  const deleting = { ...dep, metadata: { ...dep.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
  assert.deepEqual(pruneDecision(prune({}, deleting), ctx), {
    action: 'none',
    status: 'Pruned',
    message: 'pruned',
  });
  assert.deepEqual(pruneDecision(prune(parseSyncOptions(['PrunePropagationPolicy=background'])), ctx), {
    action: 'delete',
    propagationPolicy: 'Background',
  });
});

test('an empty desired state never prunes everything unless allowEmpty', () => {
  const err = checkPruneAll({ app: 'shop', desiredCount: 0, pruneCount: 12, prune: true, allowEmpty: false });
  assert.equal(err?.code, 'EMPTY_DESIRED_STATE');
  assert.match(err?.message ?? '', /^Application\/shop: auto-sync will wipe out all resources/);
  assert.equal(
    checkPruneAll({ app: 'shop', desiredCount: 0, pruneCount: 12, prune: true, allowEmpty: true }),
    undefined,
  );
  assert.equal(
    checkPruneAll({ app: 'shop', desiredCount: 1, pruneCount: 12, prune: true, allowEmpty: false }),
    undefined,
  );
  assert.equal(
    checkPruneAll({ app: 'shop', desiredCount: 0, pruneCount: 12, prune: false, allowEmpty: false }),
    undefined,
  );
});

test('FailOnSharedResource finds objects tracked by another application', () => {
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'shop', annotations: { owner: 'billing' } },
  };
  const ours: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'mine', namespace: 'shop', annotations: { owner: 'argocd/shop' } },
  };
  const ownerOf = (o: KubeObject) => o.metadata.annotations?.['owner'];
  const shared = sharedResources(
    'argocd/shop',
    [
      { target: secret, live: secret },
      { target: ours, live: ours },
      { target: cm, live: undefined },
    ],
    ownerOf,
  );
  assert.deepEqual(
    shared.map((s) => s.message),
    ['Secret/db is part of applications argocd/shop and billing'],
  );
  const err = checkSharedResources(shared);
  assert.equal(
    err?.message,
    'Secret/shop/db: Shared resource found: Secret/db is part of applications argocd/shop and billing',
  );
  assert.equal(checkSharedResources([]), undefined);
});
