import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childController, sleep, throwIfAborted, withTimeout } from './abort.ts';
import { AbortedError } from './errors.ts';

test('sleep rejects with AbortedError when the signal fires', async () => {
  const ac = new AbortController();
  const p = sleep(10_000, ac.signal);
  ac.abort();
  await assert.rejects(p, AbortedError);
});

test('withTimeout fires after the timeout and reports it', async () => {
  const signal = withTimeout(undefined, 20);
  await assert.rejects(sleep(5_000, signal), /timed out/);
  assert.throws(() => throwIfAborted(signal), AbortedError);
});

test('a child controller follows its parent but not the other way round', () => {
  const parent = new AbortController();
  const a = childController(parent.signal);
  const b = childController(parent.signal);
  a.abort();
  assert.equal(parent.signal.aborted, false);
  parent.abort();
  assert.equal(b.signal.aborted, true);
});
