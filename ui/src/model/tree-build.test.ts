import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceNode, ResourceStatus } from '../api/types.ts';
import { buildTree } from './tree-build.ts';

const deploy: ResourceNode = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  namespace: 'web',
  name: 'web',
  uid: 'd1',
  health: { status: 'Healthy' },
};
const rs: ResourceNode = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  namespace: 'web',
  name: 'web-1',
  uid: 'r1',
  parentRefs: [{ group: 'apps', kind: 'Deployment', namespace: 'web', name: 'web', uid: 'd1' }],
};
const pod: ResourceNode = {
  version: 'v1',
  kind: 'Pod',
  namespace: 'web',
  name: 'web-1-a',
  uid: 'p1',
  parentRefs: [{ kind: 'ReplicaSet', namespace: 'web', name: 'web-1', uid: 'r1' }],
};

test('the tree hangs managed resources under the root and children under their owners', () => {
  const managed: ResourceStatus[] = [
    { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'web', name: 'web', status: 'OutOfSync' },
  ];
  const items = buildTree(
    { kind: 'Application', namespace: 'argocd', name: 'web' },
    [deploy, rs, pod],
    managed,
  );
  const by = new Map(items.map((i) => [i.name, i]));
  assert.equal(items[0]?.root, true);
  assert.deepEqual(by.get('web-1-a')?.parents, ['apps/ReplicaSet/web/web-1']);
  assert.deepEqual(by.get('web-1')?.parents, ['apps/Deployment/web/web']);
  const root = items[0].key;
  assert.deepEqual(items.find((i) => i.kind === 'Deployment')?.parents, [root]);
  assert.equal(items.find((i) => i.kind === 'Deployment')?.sync, 'OutOfSync');
});

test('an expected resource that is not live shows as a Missing node', () => {
  const managed: ResourceStatus[] = [
    { version: 'v1', kind: 'ConfigMap', namespace: 'web', name: 'cfg', status: 'OutOfSync' },
  ];
  const items = buildTree({ kind: 'Application', namespace: 'argocd', name: 'web' }, [], managed);
  const cm = items.find((i) => i.kind === 'ConfigMap');
  assert.equal(cm?.health, 'Missing');
  assert.equal(cm?.sync, 'OutOfSync');
});

test('a node whose owner is not in the tree is attached to the root', () => {
  const orphan = { ...pod, parentRefs: [{ kind: 'ReplicaSet', namespace: 'web', name: 'gone', uid: 'x' }] };
  const items = buildTree({ kind: 'Application', namespace: 'argocd', name: 'web' }, [orphan]);
  assert.deepEqual(items[1]?.parents, [items[0]?.key]);
});
