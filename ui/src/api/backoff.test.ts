import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, defaultBackoffOptions } from './backoff.ts';

test('reconnect delays double from 1 s and stop at 30 s', () => {
  const mid = () => 0.5; // no jitter
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, defaultBackoffOptions, mid)),
    [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000],
  );
});

test('jitter spreads delays but never past the cap', () => {
  assert.equal(
    backoffDelay(0, defaultBackoffOptions, () => 0),
    800,
  );
  assert.equal(
    backoffDelay(0, defaultBackoffOptions, () => 1),
    1200,
  );
  assert.equal(
    backoffDelay(9, defaultBackoffOptions, () => 1),
    30000,
  );
});
