import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiVersionOf, parseInventoryEntry } from './inventory.ts';

test('inventory ids split into namespace, name, group and kind', () => {
  assert.deepEqual(parseInventoryEntry({ id: 'demo_web_apps_Deployment', v: 'v1' }), {
    id: 'demo_web_apps_Deployment',
    namespace: 'demo',
    name: 'web',
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
  });
  const ns = parseInventoryEntry({ id: '_demo__Namespace', v: 'v1' });
  assert.equal(ns?.namespace, '');
  assert.equal(ns?.kind, 'Namespace');
  assert.ok(ns);
  assert.equal(apiVersionOf(ns), 'v1');
  assert.equal(apiVersionOf({ group: 'networking.k8s.io', version: 'v1' }), 'networking.k8s.io/v1');
});

test('a malformed inventory id is rejected rather than misread', () => {
  assert.equal(parseInventoryEntry({ id: 'demo_web_Deployment', v: 'v1' }), undefined);
  assert.equal(parseInventoryEntry({ id: 'demo___Deployment', v: 'v1' }), undefined);
});
