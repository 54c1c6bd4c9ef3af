import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, settle } from './clock.ts';
import { ExponentialRateLimiter } from './rate-limiter.ts';
import { WorkQueue } from './work-queue.ts';

const identity = (s: string): string => s;

function queue(
  clock = new ManualClock(),
  extra: Partial<ConstructorParameters<typeof WorkQueue<string>>[0]> = {},
) {
  return new WorkQueue<string>({ key: identity, clock, ...extra });
}

test('an item is queued at most once and items come out in order', async () => {
  const q = queue();
  q.add('a');
  q.add('b');
  q.add('a');
  assert.equal(q.len(), 2);
  assert.equal(await q.get(), 'a');
  assert.equal(await q.get(), 'b');
  assert.equal(q.len(), 0);
});

test('objects are deduplicated by key and the latest value is handed out', async () => {
  const q = new WorkQueue<{ id: string; v: number }>({ key: (i) => i.id, clock: new ManualClock() });
  q.add({ id: 'x', v: 1 });
  q.add({ id: 'x', v: 2 });
  assert.equal(q.len(), 1);
  assert.deepEqual(await q.get(), { id: 'x', v: 2 });
});

test('an item added while a worker holds it runs once more after done, never concurrently', async () => {
  const q = queue();
  q.add('a');
  const first = await q.get();
  assert.equal(first, 'a');
  // A second worker waits; adding "a" again must not hand it out while the first holds it.
  const second = q.get();
  q.add('a');
  q.add('a');
  await settle();
  assert.equal(q.len(), 0);
  let got: string | undefined;
  void second.then((v) => (got = v));
  await settle();
  assert.equal(got, undefined, 'handed out while still being processed');
  q.done('a');
  assert.equal(await second, 'a');
  q.done('a');
  assert.equal(q.len(), 0, 'the two re-adds collapse into one more run');
});

test('a blocked get is woken by an add', async () => {
  const q = queue();
  const pending = q.get();
  q.add('z');
  assert.equal(await pending, 'z');
});

test('addAfter delays the add; the earliest scheduled time wins', () => {
  const clock = new ManualClock();
  const q = queue(clock);
  q.addAfter('a', 100);
  q.addAfter('a', 50);
  q.addAfter('b', 100);
  q.addAfter('b', 300);
  clock.advance(49);
  assert.equal(q.len(), 0);
  clock.advance(1);
  assert.equal(q.len(), 1, 'a after 50 ms, its earlier time');
  clock.advance(50);
  assert.equal(q.len(), 2, 'b after 100 ms, not 300');
  clock.advance(1000);
  assert.equal(q.len(), 2, 'the superseded timers do not add again');
  assert.equal(q.stats().waiting, 0);
});

test('addAfter with no delay adds at once', () => {
  const q = queue();
  q.addAfter('a', 0);
  q.addAfter('b', -5);
  assert.equal(q.len(), 2);
});

test('addRateLimited backs off per item and forget resets it', () => {
  const clock = new ManualClock();
  const limiter = new ExponentialRateLimiter({ baseDelayMs: 10, maxDelayMs: 1000, factor: 2 });
  const q = queue(clock, { rateLimiter: limiter });
  q.addRateLimited('a');
  q.addRateLimited('a');
  q.addRateLimited('b');
  assert.equal(q.retries('a'), 2);
  assert.equal(q.retries('b'), 1);
  clock.advance(9);
  assert.equal(q.len(), 0);
  clock.advance(1);
  // a's first backoff (10 ms) was scheduled before its second (20 ms): the earliest wins.
  assert.equal(q.len(), 2);
  q.forget('a');
  assert.equal(q.retries('a'), 0);
  assert.equal(q.retries('b'), 1);
});

test('shutDown wakes blocked workers, ignores adds and cancels scheduled ones', async () => {
  const clock = new ManualClock();
  const q = queue(clock);
  const blocked = q.get();
  q.addAfter('later', 1000);
  q.shutDown();
  assert.equal(await blocked, undefined);
  assert.equal(clock.pending, 0, 'scheduled adds are cancelled');
  q.add('x');
  q.addAfter('y', 10);
  q.addRateLimited('z');
  assert.equal(q.len(), 0);
  assert.equal(await q.get(), undefined);
  assert.equal(q.shuttingDown, true);
});

test('drain waits for the items workers hold and drops the rest', async () => {
  const q = queue();
  q.add('a');
  q.add('b');
  const a = await q.get();
  assert.equal(a, 'a');
  let drained = false;
  const draining = q.drain().then(() => (drained = true));
  await settle();
  assert.equal(drained, false, 'a is still being processed');
  assert.equal(await q.get(), undefined, 'b is not handed out after shutdown');
  q.add('a');
  q.done('a');
  await draining;
  assert.equal(drained, true);
  assert.equal(q.len(), 0, 'a re-added during shutdown is not queued again');
});

test('a get whose signal fires resolves undefined and takes nothing', async () => {
  const q = queue();
  const ac = new AbortController();
  const pending = q.get(ac.signal);
  ac.abort();
  assert.equal(await pending, undefined);
  q.add('a');
  assert.equal(q.len(), 1, 'the aborted getter did not swallow the item');
});

test('metrics hooks see adds, depth, retries, latency and work duration', async () => {
  const clock = new ManualClock();
  const seen = { adds: 0, depth: [] as number[], retries: 0, latency: [] as number[], work: [] as number[] };
  const q = queue(clock, {
    rateLimiter: new ExponentialRateLimiter({ baseDelayMs: 5, maxDelayMs: 1000, factor: 2 }),
    metrics: {
      add: () => seen.adds++,
      depth: (n) => seen.depth.push(n),
      retry: () => seen.retries++,
      queueLatency: (s) => seen.latency.push(s),
      workDuration: (s) => seen.work.push(s),
    },
  });
  q.add('a');
  q.add('a');
  q.add('b');
  clock.advance(2000);
  const a = await q.get();
  clock.advance(500);
  assert.equal(q.stats().longestRunningProcessorSeconds, 0.5);
  assert.equal(q.stats().processing, 1);
  q.done(a!);
  q.addRateLimited('c');
  clock.advance(5);
  assert.equal(seen.adds, 3, 'a, b and c; the duplicate a is not an add');
  assert.equal(seen.retries, 1);
  assert.deepEqual(seen.latency, [2]);
  assert.deepEqual(seen.work, [0.5]);
  assert.deepEqual(seen.depth, [1, 2, 1, 2]);
  assert.equal(q.stats().depth, 2);
});
