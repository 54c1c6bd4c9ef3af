import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './errors.ts';
import { runWatchLoop, type LiveState } from './watch.ts';

test('after a dropped stream the loop waits, loads again and streams from the new version', async () => {
  const ac = new AbortController();
  const states: LiveState[] = [];
  const streamedFrom: string[] = [];
  const sleeps: number[] = [];
  let loads = 0;
  await runWatchLoop({
    signal: ac.signal,
    load: () => Promise.resolve(String(++loads)),
    stream: (rv, _signal, onOpen) => {
      streamedFrom.push(rv);
      if (rv === '1') return Promise.reject(new ApiError(0, 14, 'connection reset'));
      onOpen();
      ac.abort();
      return Promise.resolve();
    },
    onState: (s) => states.push(s),
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  assert.deepEqual(streamedFrom, ['1', '2']);
  assert.deepEqual(states, ['connecting', 'reconnecting', 'reconnecting', 'live']);
  assert.equal(sleeps.length, 1);
});

test('a 403 or 404 stops the loop instead of retrying forever', async () => {
  let failure: unknown;
  await runWatchLoop({
    signal: new AbortController().signal,
    load: () => Promise.reject(new ApiError(403, 7, 'permission denied')),
    stream: () => Promise.resolve(),
    onState: (s, err) => {
      if (s === 'failed') failure = err;
    },
    sleep: () => Promise.reject(new Error('must not sleep')),
  });
  assert.equal((failure as ApiError).code, 7);
});
