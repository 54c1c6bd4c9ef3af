import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syncRequestOf } from './sync-request.ts';

const none = { prune: false, dryRun: false, force: false, applyOutOfSyncOnly: false, serverSideApply: false };

test('a plain sync sends Argo defaults and no resource list', () => {
  assert.deepEqual(syncRequestOf('', none, undefined), {
    prune: false,
    dryRun: false,
    strategy: { apply: { force: false } },
  });
});

test('dialog choices become Argo flags, sync options and a selective resource list', () => {
  const req = syncRequestOf(
    ' main ',
    { ...none, prune: true, force: true, applyOutOfSyncOnly: true, serverSideApply: true },
    [{ group: 'apps', kind: 'Deployment', namespace: 'web', name: 'web' }],
  );
  assert.equal(req.revision, 'main');
  assert.equal(req.prune, true);
  assert.deepEqual(req.strategy, { apply: { force: true } });
  assert.deepEqual(req.syncOptions, { items: ['ApplyOutOfSyncOnly=true', 'ServerSideApply=true'] });
  assert.equal(req.resources?.length, 1);
});
