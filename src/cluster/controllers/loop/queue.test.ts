import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastClock, systemClock } from './clock.ts';
import { defaultWorkQueueOptions, WorkQueue } from './queue.ts';

const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

test('a key queued twice runs once; added while running, it runs again after', async () => {
  const runs: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const q = new WorkQueue(
    async (key) => {
      runs.push(key);
      if (runs.length === 1) await gate;
    },
    { ...defaultWorkQueueOptions, clock: systemClock, onError: () => {} },
  );
  q.add('a');
  q.add('a');
  await settle();
  q.add('a'); // while the first run waits
  q.add('a');
  release();
  await settle();
  assert.deepEqual(runs, ['a', 'a']);
  q.stop();
});

test('failures retry with back-off; a reconcile can ask to run again later', async () => {
  let attempts = 0;
  const errors: unknown[] = [];
  const q = new WorkQueue(
    () => {
      attempts++;
      if (attempts < 3) return Promise.reject(new Error(`attempt ${attempts}`));
      return Promise.resolve(attempts === 3 ? { requeueAfterMs: 60_000 } : undefined);
    },
    { ...defaultWorkQueueOptions, clock: fastClock(1000), onError: (_k, e) => errors.push(e) },
  );
  q.add('k');
  await settle(300);
  assert.equal(errors.length, 2);
  assert.equal(attempts, 4, 'a requeue of one clock minute came after 60 real ms');
  q.stop();
});
