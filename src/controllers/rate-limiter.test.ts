import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from './clock.ts';
import {
  BucketRateLimiter,
  ExponentialRateLimiter,
  MaxOfRateLimiter,
  createRateLimiter,
  defaultRateLimiterOptions,
  fluxRateLimiterOptions,
} from './rate-limiter.ts';

test('the default per-item backoff doubles from 5 ms and stops at 1000 s', () => {
  const l = new ExponentialRateLimiter(defaultRateLimiterOptions.backoff);
  const delays = Array.from({ length: 30 }, () => l.when('x'));
  assert.deepEqual(delays.slice(0, 6), [5, 10, 20, 40, 80, 160]);
  // 5 ms · 2^17 = 655 s is the last step under the cap; 2^18 would be 1310 s.
  assert.equal(delays[17], 655_360);
  assert.equal(delays[18], 1_000_000);
  assert.equal(delays[29], 1_000_000);
  assert.equal(l.retries('x'), 30);
});

test('a huge failure count stays on the cap instead of overflowing', () => {
  const l = new ExponentialRateLimiter({ baseDelayMs: 5, maxDelayMs: 1000, factor: 2 });
  for (let i = 0; i < 5000; i++) l.when('x');
  assert.equal(l.when('x'), 1000);
});

test('backoff is per item and forget starts it over', () => {
  const l = new ExponentialRateLimiter({ baseDelayMs: 5, maxDelayMs: 1000, factor: 2 });
  l.when('a');
  l.when('a');
  assert.equal(l.when('b'), 5);
  assert.equal(l.when('a'), 20);
  l.forget('a');
  assert.equal(l.retries('a'), 0);
  assert.equal(l.when('a'), 5);
});

test("Flux's backoff runs from 750 ms to 15 minutes with no overall bucket", () => {
  const l = createRateLimiter(fluxRateLimiterOptions, new ManualClock());
  const delays = Array.from({ length: 12 }, () => l.when('k'));
  assert.deepEqual(delays.slice(0, 4), [750, 1500, 3000, 6000]);
  assert.equal(delays[10], 768_000);
  assert.equal(delays[11], 900_000);
  // 200 different items failing at once all get the base delay: no bucket in the way.
  assert.ok(Array.from({ length: 200 }, (_, i) => l.when(`i${i}`)).every((d) => d === 750));
});

test('the token bucket allows a burst, then spaces retries at qps, and refills with time', () => {
  const clock = new ManualClock();
  const b = new BucketRateLimiter({ qps: 10, burst: 100 }, clock);
  for (let i = 0; i < 100; i++) assert.equal(b.when(`k${i}`), 0);
  assert.equal(b.when('x'), 100);
  assert.equal(b.when('y'), 200);
  clock.advance(10_000);
  // 10 s at 10 qps pays back the 2 owed tokens and refills 98.
  for (let i = 0; i < 98; i++) assert.equal(b.when(`r${i}`), 0);
  assert.equal(b.when('z'), 100);
  clock.advance(3_600_000);
  // The bucket never holds more than its burst, however long it rested.
  for (let i = 0; i < 100; i++) assert.equal(b.when(`s${i}`), 0);
  assert.equal(b.when('w'), 100);
});

test('an infinite-qps bucket never delays', () => {
  const b = new BucketRateLimiter({ qps: Infinity, burst: 1 }, new ManualClock());
  for (let i = 0; i < 10; i++) assert.equal(b.when('x'), 0);
});

test('the default controller limiter takes the larger of backoff and bucket', () => {
  const clock = new ManualClock();
  const l = createRateLimiter(defaultRateLimiterOptions, clock);
  // 100 distinct items fail once each: the bucket's burst absorbs them, each waits 5 ms.
  for (let i = 0; i < 100; i++) assert.equal(l.when(`i${i}`), 5);
  // The 101st failure waits for the bucket (100 ms), more than its own 5 ms backoff.
  assert.equal(l.when('late'), 100);
  const m = new MaxOfRateLimiter(new ExponentialRateLimiter({ baseDelayMs: 1, maxDelayMs: 10, factor: 2 }));
  m.when('a');
  assert.equal(m.retries('a'), 1);
  m.forget('a');
  assert.equal(m.retries('a'), 0);
});
