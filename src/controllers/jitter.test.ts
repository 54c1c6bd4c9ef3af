import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argoResyncDelay, fluxInterval } from './jitter.ts';

test("Flux's interval jitter stays within ±5% and spreads over the whole range", () => {
  const interval = 600_000;
  assert.equal(fluxInterval(interval, { random: () => 0 }), 570_000);
  assert.equal(fluxInterval(interval, { random: () => 0.5 }), 600_000);
  assert.ok(fluxInterval(interval, { random: () => 0.999999 }) < 630_000);
  const samples = Array.from({ length: 2000 }, () => fluxInterval(interval));
  assert.ok(samples.every((s) => s >= 570_000 && s <= 630_000));
  assert.ok(Math.min(...samples) < 575_000 && Math.max(...samples) > 625_000, 'uses the whole ±5%');
  assert.ok(new Set(samples).size > 1900, 'objects with the same interval get different delays');
});

test('a jitter percentage outside (0, 100) leaves the interval as it is', () => {
  assert.equal(fluxInterval(60_000, { percent: 0 }), 60_000);
  assert.equal(fluxInterval(60_000, { percent: 100 }), 60_000);
  assert.equal(fluxInterval(60_000, { percent: 10, random: () => 1 }), 66_000);
  assert.equal(fluxInterval(0), 0);
});

test('Argo CD refreshes every 120 s plus up to 60 s of jitter, and never when the timeout is 0', () => {
  assert.equal(argoResyncDelay({ random: () => 0 }), 120_000);
  assert.equal(argoResyncDelay({ random: () => 0.5 }), 150_000);
  const samples = Array.from({ length: 1000 }, () => argoResyncDelay()!);
  assert.ok(samples.every((s) => s >= 120_000 && s < 180_000));
  assert.ok(Math.max(...samples) - Math.min(...samples) > 50_000);
  assert.equal(argoResyncDelay({ timeoutMs: 0 }), undefined);
  assert.equal(argoResyncDelay({ timeoutMs: 180_000, jitterMs: 0 }), 180_000);
});
