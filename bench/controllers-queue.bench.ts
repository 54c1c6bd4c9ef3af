// The runtime's own cost per reconcile sets how fast 1000 Kustomizations (or 10k Applications)
// can all be reconciled once at start-up and how quickly a watch-event storm is absorbed. Measures
// a Controller with 4 workers and a no-op async reconciler over 100k objects, against awaiting
// the same reconciler in a plain loop as the reference; then 1M adds of 10k keys (deduplication
// under an event storm); plus memory with 100k objects scheduled for periodic requeue.
import { Controller, WorkQueue, reconcilerFunc, type Request } from '../src/controllers/index.ts';
import type { BenchResult } from './run.ts';
import { fmt, memoryMiB } from './measure.ts';

const COUNT = 100_000;

export async function run(_options: { signal: AbortSignal }): Promise<BenchResult> {
  const lines: string[] = [];
  const noop = (_r: Request) => Promise.resolve({});

  // Reference: the reconciler alone, one await per object.
  let t = performance.now();
  for (let i = 0; i < COUNT; i++) await noop({ namespace: 'bench', name: `o${i}` });
  const reference = performance.now() - t;

  let done = 0;
  let finish!: () => void;
  const all = new Promise<void>((r) => (finish = r));
  const c = new Controller(
    reconcilerFunc((r) => {
      if (++done === COUNT) finish();
      return noop(r);
    }),
    { name: 'bench', maxConcurrentReconciles: 4 },
  );
  const ac = new AbortController();
  t = performance.now();
  for (let i = 0; i < COUNT; i++) c.enqueue({ namespace: 'bench', name: `o${i}` });
  const running = c.run(ac.signal);
  await all;
  const controller = performance.now() - t;
  ac.abort();
  await running;
  lines.push(
    `controller, 4 workers, ${fmt(COUNT)} objects: ${fmt(controller)} ms (${fmt((COUNT * 1000) / controller)}/s); ` +
      `bare loop ${fmt(reference)} ms; overhead ${fmt(((controller - reference) * 1000) / COUNT, 2)} µs/object`,
  );

  const q = new WorkQueue<string>({ key: (s) => s });
  t = performance.now();
  for (let i = 0; i < 1_000_000; i++) q.add(`k${i % 10_000}`);
  const adds = performance.now() - t;
  lines.push(
    `1M adds of 10k keys: ${fmt(adds)} ms (${fmt(1_000_000_000 / adds)} adds/s), queue length ${fmt(q.len())}`,
  );
  q.shutDown();

  const before = memoryMiB();
  const periodic = new WorkQueue<Request>({ key: (r) => `${r.namespace}/${r.name}` });
  for (let i = 0; i < COUNT; i++) periodic.addAfter({ namespace: 'bench', name: `o${i}` }, 600_000 + i);
  const after = memoryMiB();
  lines.push(
    `${fmt(COUNT)} periodic requeues scheduled: heap +${after.heap - before.heap} MiB, rss ${after.rss} MiB`,
  );
  periodic.shutDown();
  return { name: 'controllers: work queue and workers', lines };
}
