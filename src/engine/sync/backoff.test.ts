import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidDurationError, parseDuration, retryDelay, selfHealDelay, shouldRetry } from './backoff.ts';

const durations: [string, number][] = [
  ['5s', 5000],
  ['3m', 180_000],
  ['1h30m', 5_400_000],
  ['1.5s', 1500],
  ['250ms', 250],
  ['30', 30_000],
  ['2m0s', 120_000],
];
for (const [text, ms] of durations)
  test(`duration ${text} = ${ms} ms`, () => assert.equal(parseDuration(text), ms));

test('bad durations are refused with a clear error', () => {
  for (const bad of ['', '5 s', '5x', 'm']) assert.throws(() => parseDuration(bad), InvalidDurationError);
});

test('retry delays follow duration × factor^n capped at maxDuration (Argo defaults 5s ×2 3m)', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6].map((n) => retryDelay(undefined, n) / 1000),
    [5, 10, 20, 40, 80, 160, 180],
  );
  const custom = { limit: 3, backoff: { duration: '10s', factor: 3, maxDuration: '1m' } };
  assert.deepEqual(
    [0, 1, 2].map((n) => retryDelay(custom, n) / 1000),
    [10, 30, 60],
  );
  assert.equal(retryDelay({ backoff: { maxDuration: '0' } }, 10), 5000 * 1024);
});

test('limit counts retries; negative retries forever; none means no retry', () => {
  assert.equal(shouldRetry({ limit: 2 }, 1), true);
  assert.equal(shouldRetry({ limit: 2 }, 2), false);
  assert.equal(shouldRetry({ limit: -1 }, 1000), true);
  assert.equal(shouldRetry(undefined, 0), false);
});

test('self-heal backs off 2 s ×3 up to 5 minutes', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((n) => selfHealDelay(n) / 1000),
    [2, 6, 18, 54, 162, 300],
  );
});
