import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { argoTracker } from '../tracking/tracker.ts';
import { CacheStore, type CacheEvent } from './store.ts';

const tracker = argoTracker();
const store = () =>
  new CacheStore((obj) => {
    const owner = tracker.ownerOf(obj);
    return owner ? new Map([['argocd', owner]]) : new Map<string, string>();
  });

function obj(
  kind: string,
  name: string,
  rv: string,
  extra: Partial<KubeObject['metadata']> = {},
): KubeObject {
  return {
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
    kind,
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion: rv, ...extra },
  };
}

const owner = (kind: string, name: string) => [{ apiVersion: 'apps/v1', kind, name, uid: `uid-${name}` }];

test('a change to a pod concerns the application of the deployment above it', () => {
  const s = store();
  s.upsert(tracker.stamp(obj('Deployment', 'web', '1'), 'shop'));
  s.upsert(obj('ReplicaSet', 'web-1', '2', { ownerReferences: owner('Deployment', 'web') }));
  const events: CacheEvent[] = [];
  s.subscribe({ app: { tracker: 'argocd', owner: 'shop' } }, (e) => events.push(e));
  s.upsert(obj('Pod', 'web-1-a', '3', { ownerReferences: owner('ReplicaSet', 'web-1') }));
  s.remove({ group: '', kind: 'Pod', namespace: 'ns', name: 'web-1-a' });
  assert.deepEqual(
    events.map((e) => `${e.type} ${e.key.kind}`),
    ['added Pod', 'deleted Pod'],
  );
  assert.deepEqual(events[1]?.apps, [{ tracker: 'argocd', owner: 'shop' }]);
  assert.deepEqual(
    s.children('uid-web').map((e) => e.key.name),
    ['web-1'],
  );
});

test('dependents cached before their owner are announced to its application when it arrives', () => {
  // Each kind has its own watch, so a Pod can reach the cache before its ReplicaSet does.
  const s = store();
  const events: CacheEvent[] = [];
  s.subscribe({ app: { tracker: 'argocd', owner: 'shop' } }, (e) => events.push(e));
  s.upsert(obj('Pod', 'web-1-a', '3', { ownerReferences: owner('ReplicaSet', 'web-1') }));
  s.upsert(obj('ReplicaSet', 'web-1', '2', { ownerReferences: owner('Deployment', 'web') }));
  assert.equal(events.length, 0, 'nothing ties them to the application yet');
  s.upsert(tracker.stamp(obj('Deployment', 'web', '1'), 'shop'));
  assert.deepEqual(
    events.map((e) => `${e.type} ${e.key.kind}`),
    ['added Deployment', 'modified ReplicaSet', 'modified Pod'],
  );
  s.upsert(obj('Pod', 'web-1-b', '4'));
  assert.equal(events.length, 3, 'an unrelated pod is not announced');
});

test('an object leaving an application still notifies it, and the same version is no event', () => {
  const s = store();
  const tracked = tracker.stamp(obj('Deployment', 'web', '1'), 'shop');
  s.upsert(tracked);
  const events: CacheEvent[] = [];
  s.subscribe({ app: { tracker: 'argocd', owner: 'shop' } }, (e) => events.push(e));
  s.upsert(tracked);
  s.upsert(obj('Deployment', 'web', '2'));
  assert.deepEqual(
    events.map((e) => e.type),
    ['modified'],
  );
  assert.deepEqual(s.owned({ tracker: 'argocd', owner: 'shop' }), []);
});

test('replacing a kind after a list deletes what the list no longer has', () => {
  const s = store();
  s.upsert(obj('Deployment', 'a', '1'));
  s.upsert(obj('Deployment', 'b', '2'));
  s.upsert(obj('ReplicaSet', 'r', '3'));
  const events: CacheEvent[] = [];
  s.subscribe({}, (e) => events.push(e));
  s.replaceKind('apps/Deployment', undefined, [obj('Deployment', 'b', '4'), obj('Deployment', 'c', '5')]);
  assert.deepEqual(events.map((e) => `${e.type} ${e.key.name}`).sort(), [
    'added c',
    'deleted a',
    'modified b',
  ]);
  assert.equal(s.size, 3);
});
