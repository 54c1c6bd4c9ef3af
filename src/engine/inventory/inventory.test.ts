import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRef, type KubeObject } from '../../core/index.ts';
import { ChangeSet } from '../sync/changeset.ts';
import { InventoryIdError, entryOf, formatInventoryId, objectOfEntry, parseInventoryId } from './entry.ts';
import { inventoryFromChangeSet, inventoryOf, mergeInventory, staleObjects } from './inventory.ts';

const o = (apiVersion: string, kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: namespace ? { name, namespace } : { name },
});

const ids: [KubeObject, string, string][] = [
  [o('apps/v1', 'Deployment', 'api', 'shop'), 'shop_api_apps_Deployment', 'v1'],
  [o('v1', 'Service', 'podinfo', 'default'), 'default_podinfo__Service', 'v1'],
  [o('v1', 'Namespace', 'my-ns'), '_my-ns__Namespace', 'v1'],
  [
    o('rbac.authorization.k8s.io/v1', 'ClusterRole', 'system:metrics'),
    '_system__metrics_rbac.authorization.k8s.io_ClusterRole',
    'v1',
  ],
  [
    o('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'my_release', 'apps'),
    'apps_my_release_helm.toolkit.fluxcd.io_HelmRelease',
    'v2',
  ],
];

for (const [obj, id, v] of ids) {
  test(`inventory id of ${formatRef(obj)} is ${id}`, () => {
    assert.deepEqual(entryOf(obj), { id, v });
    assert.deepEqual(objectOfEntry({ id, v }), obj);
  });
}

test('ids that are not inventory ids are refused', () => {
  assert.throws(() => parseInventoryId('nounderscore'), InventoryIdError);
  assert.throws(() => parseInventoryId('ns_name'), InventoryIdError);
  assert.equal(formatInventoryId(parseInventoryId('a_b_c_D')), 'a_b_c_D');
});

test('stale objects are the previous inventory minus the new one, in deletion order', () => {
  const previous = inventoryOf([
    o('v1', 'Namespace', 'shop'),
    o('v1', 'ConfigMap', 'old', 'shop'),
    o('apps/v1', 'Deployment', 'web', 'shop'),
    o('apps/v1', 'Deployment', 'legacy', 'shop'),
  ]);
  const current = inventoryOf([o('v1', 'Namespace', 'shop'), o('apps/v1', 'Deployment', 'web', 'shop')]);
  assert.deepEqual(
    staleObjects(previous, current).map((x) => formatRef(x)),
    ['Deployment/shop/legacy', 'ConfigMap/shop/old'],
  );
  assert.deepEqual(staleObjects(undefined, current), []);
});

test('an inventory comes from a ChangeSet; refused prunes are merged back', () => {
  const cs = new ChangeSet();
  cs.add(o('apps/v1', 'Deployment', 'web', 'shop'), 'configured');
  cs.add(o('v1', 'ConfigMap', 'c', 'shop'), 'created');
  cs.add(o('v1', 'Secret', 's', 'shop'), 'failed', 'apply failed: denied');
  const inv = inventoryFromChangeSet(cs);
  assert.deepEqual(inv.entries, [
    { id: 'shop_web_apps_Deployment', v: 'v1' },
    { id: 'shop_c__ConfigMap', v: 'v1' },
  ]);
  const merged = mergeInventory(inv, [
    o('v1', 'ConfigMap', 'c', 'shop'),
    o('batch/v1', 'Job', 'stuck', 'shop'),
  ]);
  assert.deepEqual(
    merged.entries.map((e) => e.id),
    ['shop_web_apps_Deployment', 'shop_c__ConfigMap', 'shop_stuck_batch_Job'],
  );
});
