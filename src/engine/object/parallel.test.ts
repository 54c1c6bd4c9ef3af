import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapLimit } from './parallel.ts';

test('keeps order, never runs more than the limit, and rethrows the first failure', async () => {
  let running = 0;
  let peak = 0;
  const out = await mapLimit([5, 1, 3, 2, 4], 2, AbortSignal.timeout(5000), async (n) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, n * 3));
    running--;
    return n * 10;
  });
  assert.deepEqual(out, [50, 10, 30, 20, 40]);
  assert.equal(peak, 2);
  await assert.rejects(
    mapLimit([1, 2, 3], 3, AbortSignal.timeout(5000), (n) =>
      n === 2 ? Promise.reject(new Error('two')) : Promise.resolve(n),
    ),
    /two/,
  );
});
