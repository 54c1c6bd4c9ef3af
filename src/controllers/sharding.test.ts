import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConsistentHashRing, ringHash } from './consistent-hash.ts';
import {
  InvalidShardError,
  ShardFilter,
  assignShards,
  fnv32a,
  legacyShard,
  type ShardingAlgorithm,
} from './sharding.ts';

const ids = Array.from({ length: 1000 }, (_, i) => `argocd/app-${i}`);

function counts(assignment: Map<string, number>, replicas: number): number[] {
  const c = new Array<number>(replicas).fill(0);
  for (const s of assignment.values()) c[s]!++;
  return c;
}

function moved(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  for (const [id, s] of a) if (b.get(id) !== s) n++;
  return n;
}

test('fnv32a matches the FNV-1a reference values (Go hash/fnv New32a)', () => {
  assert.equal(fnv32a(''), 0x811c9dc5);
  assert.equal(fnv32a('a'), 0xe40c292c);
  assert.equal(fnv32a('foobar'), 0xbf9cf968);
  assert.equal(fnv32a('é'), fnv32a('\u00e9'), 'hashes UTF-8 bytes');
});

test('legacy sharding is the hash modulo replicas; an empty id goes to shard 0', () => {
  assert.equal(legacyShard('foobar', 3), 0xbf9cf968 % 3);
  assert.equal(legacyShard('', 5), 0);
  assert.equal(legacyShard('x', 0), -1);
});

test('every algorithm gives every id exactly one shard in range', () => {
  for (const algorithm of ['legacy', 'round-robin', 'consistent-hashing'] as ShardingAlgorithm[]) {
    const a = assignShards(ids, 4, algorithm);
    assert.equal(a.size, ids.length, algorithm);
    assert.ok(
      [...a.values()].every((s) => Number.isInteger(s) && s >= 0 && s < 4),
      algorithm,
    );
    assert.deepEqual(assignShards([...ids].reverse(), 4, algorithm), a, `${algorithm} ignores input order`);
  }
});

test('round-robin is exactly even; consistent hashing stays within its 1.25 load bound', () => {
  assert.deepEqual(counts(assignShards(ids, 3, 'round-robin'), 3), [334, 333, 333]);
  for (const replicas of [2, 3, 4, 7]) {
    const c = counts(assignShards(ids, replicas, 'consistent-hashing'), replicas);
    const bound = Math.ceil(Math.floor(ids.length / replicas) * 1.25);
    assert.ok(Math.max(...c) <= bound, `replicas ${replicas}: ${c.join(',')} over ${bound}`);
    assert.ok(Math.min(...c) > 0, `replicas ${replicas}: a shard got nothing`);
  }
  const legacy = counts(assignShards(ids, 4, 'legacy'), 4);
  assert.ok(
    legacy.every((n) => n > 150 && n < 350),
    `legacy spreads roughly: ${legacy.join(',')}`,
  );
});

test('adding a replica moves few apps under consistent hashing, most under legacy', () => {
  for (const [from, to] of [
    [3, 4],
    [4, 5],
    [10, 11],
  ] as const) {
    const ideal = ids.length * (1 - from / to);
    const ch = moved(
      assignShards(ids, from, 'consistent-hashing'),
      assignShards(ids, to, 'consistent-hashing'),
    );
    const legacy = moved(assignShards(ids, from, 'legacy'), assignShards(ids, to, 'legacy'));
    // The minimum possible is the new replica's share; bounded loads move somewhat more.
    assert.ok(ch < ideal * 2, `${from}→${to}: consistent hashing moved ${ch}, ideal ${ideal}`);
    assert.ok(legacy > ids.length / 2 && legacy > ch * 3, `${from}→${to}: legacy moved ${legacy}`);
  }
  // Removing a replica: the apps of the others mostly stay put too.
  const ch = moved(assignShards(ids, 4, 'consistent-hashing'), assignShards(ids, 3, 'consistent-hashing'));
  assert.ok(ch < 400, `4→3 moved ${ch}`);
});

test('adding an app leaves the others where they were under consistent hashing', () => {
  const before = assignShards(ids, 4, 'consistent-hashing');
  const after = assignShards([...ids, 'argocd/new-app'], 4, 'consistent-hashing');
  after.delete('argocd/new-app');
  assert.ok(moved(before, after) < 20, `moved ${moved(before, after)}`);
  const rr = assignShards(['argocd/aaa', ...ids], 4, 'round-robin');
  rr.delete('argocd/aaa');
  assert.ok(moved(assignShards(ids, 4, 'round-robin'), rr) > 900, 'round-robin reshuffles');
});

test('the ring walks past hosts above the load bound', () => {
  const ring = new ConsistentHashRing(['0', '1']);
  const key = ringHash('some-app');
  const first = ring.getLeast(key);
  ring.updateLoad(first, 10);
  assert.notEqual(ring.getLeast(key), first, 'a host at 10 of 10 is full');
  assert.throws(() => new ConsistentHashRing([]), RangeError);
});

test('the replicas of a fleet split it with no overlap and no gap', () => {
  for (const algorithm of ['legacy', 'round-robin', 'consistent-hashing'] as ShardingAlgorithm[]) {
    const filters = [0, 1, 2].map((shard) => new ShardFilter({ algorithm, replicas: 3, shard }));
    for (const f of filters) f.reset(ids);
    for (const id of ids) {
      assert.equal(filters.filter((f) => f.owns(id)).length, 1, `${algorithm}: ${id}`);
    }
  }
});

test('ShardFilter learns ids, forgets deleted ones and filters requests', () => {
  const f = new ShardFilter({ algorithm: 'consistent-hashing', replicas: 2, shard: 0 });
  for (const id of ids.slice(0, 10)) f.add(id);
  const owned = ids.slice(0, 10).filter((id) => f.owns(id));
  assert.ok(owned.length > 0 && owned.length < 10);
  assert.equal(f.ownsRequest({ namespace: 'argocd', name: 'app-0' }), f.owns('argocd/app-0'));
  f.remove('argocd/app-9');
  assert.equal(typeof f.owns('argocd/app-9'), 'boolean', 'an id asked about is learned again');
  const single = new ShardFilter();
  assert.equal(single.owns('anything'), true, 'one replica owns everything');
});

test('a shard outside the replica range is refused', () => {
  assert.throws(() => new ShardFilter({ replicas: 3, shard: 3 }), InvalidShardError);
  assert.throws(() => new ShardFilter({ replicas: 0, shard: 0 }), { code: 'INVALID_SHARD' });
});
