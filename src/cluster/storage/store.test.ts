import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { KubeObject } from '../../core/index.ts';
import { ApiError, ClusterDataError } from '../errors.ts';
import { Database, DATABASE_FILE } from './database.ts';
import { History } from './history.ts';
import { listAt } from './snapshot.ts';
import { Store, type StoreEvent } from './store.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'capstan-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const cm = (namespace: string, name: string, data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});

function open(dir: string): Store {
  return new Store(Database.open(dir, { durable: 'process' }));
}

test('every write gets the next resourceVersion, and listeners see changes in commit order', (t) => {
  const store = open(tempDir(t));
  t.after(() => store.close());
  const seen: string[] = [];
  store.subscribe((e) => seen.push(`${e.type} ${e.name} ${e.rv}`));
  assert.equal(store.rv, 0);
  const a = store.put('/configmaps', cm('ns', 'a'));
  const b = store.put('/configmaps', cm('ns', 'a', { x: '1' }));
  const c = store.remove('/configmaps', 'ns', 'a');
  assert.deepEqual([a.rv, b.rv, c?.rv], [1, 2, 3]);
  assert.deepEqual(seen, ['ADDED a 1', 'MODIFIED a 2', 'DELETED a 3']);
  assert.equal(
    c?.current.object.metadata.resourceVersion,
    '3',
    'a deleted object carries the deletion resourceVersion',
  );
  assert.deepEqual(c?.previous?.object.data, { x: '1' });
  assert.equal(store.remove('/configmaps', 'ns', 'a'), undefined);
});

test('lists are sorted by namespace then name and can be cut to one namespace', (t) => {
  const store = open(tempDir(t));
  t.after(() => store.close());
  for (const [ns, name] of [
    ['b', 'x'],
    ['a', 'z'],
    ['a', 'y'],
    ['ab', 'q'],
    ['', 'c'],
  ])
    store.put('/configmaps', cm(ns!, name!));
  assert.deepEqual(
    store.list('/configmaps').map((o) => o.key),
    ['/c', 'a/y', 'a/z', 'ab/q', 'b/x'],
  );
  assert.deepEqual(
    store.list('/configmaps', 'a').map((o) => o.key),
    ['a/y', 'a/z'],
    'a prefix of another namespace does not leak in',
  );
  assert.equal(store.count('/configmaps', 'b'), 1);
  assert.deepEqual(store.list('/secrets'), []);
});

test('objects and the resourceVersion counter survive a reopen, deletions included', (t) => {
  const dir = tempDir(t);
  const first = open(dir);
  first.put('/configmaps', cm('ns', 'keep', { k: 'v' }));
  first.put('/configmaps', cm('ns', 'gone'));
  first.remove('/configmaps', 'ns', 'gone');
  first.close();
  const second = open(dir);
  t.after(() => second.close());
  assert.equal(second.rv, 3, 'the counter does not go back to the highest stored object');
  assert.deepEqual(second.get('/configmaps', 'ns', 'keep')?.object.data, { k: 'v' });
  assert.equal(second.get('/configmaps', 'ns', 'gone'), undefined);
  assert.equal(second.put('/configmaps', cm('ns', 'next')).rv, 4);
});

test('a second server on the same data dir is refused while the first holds it', (t) => {
  const dir = tempDir(t);
  const first = open(dir);
  t.after(() => first.close());
  assert.throws(
    () => open(dir),
    (err: unknown) =>
      err instanceof ClusterDataError && /in use by another running cluster/.test(err.message),
  );
});

test('a file that is not a database is refused, and left untouched', (t) => {
  const dir = tempDir(t);
  const junk = "this is somebody else's file, not a database".repeat(20);
  writeFileSync(join(dir, DATABASE_FILE), junk);
  assert.throws(
    () => open(dir),
    (err: unknown) => err instanceof ClusterDataError && /not a SQLite database/.test(err.message),
  );
});

test('a SQLite database of another program is refused', (t) => {
  const dir = tempDir(t);
  const db = new DatabaseSync(join(dir, DATABASE_FILE));
  db.exec('CREATE TABLE users (name TEXT)');
  db.close();
  assert.throws(
    () => open(dir),
    (err: unknown) =>
      err instanceof ClusterDataError && /not a Capstan cluster's \(tables: users\)/.test(err.message),
  );
});

test('a database from a newer storage schema is refused', (t) => {
  const dir = tempDir(t);
  open(dir).close();
  const db = new DatabaseSync(join(dir, DATABASE_FILE));
  db.exec("UPDATE meta SET value = '99' WHERE key = 'schema'");
  db.close();
  assert.throws(
    () => open(dir),
    (err: unknown) => err instanceof ClusterDataError && /storage schema 99/.test(err.message),
  );
});

test('a corrupt stored object is reported by name instead of being skipped', (t) => {
  const dir = tempDir(t);
  const store = open(dir);
  store.put('/configmaps', cm('ns', 'fine'));
  store.close();
  const db = new DatabaseSync(join(dir, DATABASE_FILE));
  db.exec(`INSERT INTO objects VALUES ('/configmaps', 'ns', 'broken', 1, '{not json')`);
  db.close();
  assert.throws(
    () => open(dir),
    (err: unknown) =>
      err instanceof ClusterDataError && /\/configmaps\/ns\/broken is not valid JSON/.test(err.message),
  );
});

test('a data dir path that is a file is refused', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'file');
  writeFileSync(file, 'x');
  assert.throws(() => open(file), ClusterDataError);
  mkdirSync(join(dir, 'fresh', 'nested'), { recursive: true });
  open(join(dir, 'fresh', 'nested')).close();
});

test('history keeps the last N changes; older resourceVersions are compacted away', () => {
  const history = new History(3, 10);
  const ev = (rv: number, resource = '/configmaps') =>
    ({ rv, resource, type: 'ADDED', namespace: '', name: String(rv) }) as unknown as StoreEvent;
  assert.equal(history.covers(10), true);
  assert.equal(history.covers(9), false);
  for (const rv of [11, 12, 13]) history.add(ev(rv));
  history.add(ev(14, '/secrets'));
  assert.equal(history.compactedRv, 11);
  assert.equal(history.covers(11), true);
  assert.equal(history.covers(10), false);
  assert.deepEqual(
    history.since(11).map((e) => e.rv),
    [12, 13, 14],
  );
  assert.deepEqual(
    history.since(12, '/configmaps').map((e) => e.rv),
    [13],
  );
  assert.deepEqual(history.since(14), []);
});

test('listAt rolls back later changes to show a resource as it was', (t) => {
  const store = open(tempDir(t));
  t.after(() => store.close());
  const history = new History(100, store.rv);
  store.subscribe((e) => history.add(e));
  store.put('/configmaps', cm('ns', 'a', { v: '1' }));
  store.put('/configmaps', cm('ns', 'b'));
  const at = store.rv;
  store.put('/configmaps', cm('ns', 'a', { v: '2' }));
  store.remove('/configmaps', 'ns', 'b');
  store.put('/configmaps', cm('ns', 'c'));
  store.put('/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns' } });
  const then = listAt(store, history, '/configmaps', at, undefined, 'too old');
  assert.deepEqual(
    then.map((o) => [o.key, o.object.data]),
    [
      ['ns/a', { v: '1' }],
      ['ns/b', {}],
    ],
  );
  assert.deepEqual(
    listAt(store, history, '/configmaps', store.rv, 'ns', 'x').map((o) => o.key),
    ['ns/a', 'ns/c'],
  );
  const compacted = new History(1, 0);
  store.subscribe((e) => compacted.add(e));
  store.put('/configmaps', cm('ns', 'd'));
  store.put('/configmaps', cm('ns', 'e'));
  assert.throws(
    () => listAt(store, compacted, '/configmaps', at, undefined, 'too old'),
    (e: unknown) => e instanceof ApiError && e.httpCode === 410,
  );
});
