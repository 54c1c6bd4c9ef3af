import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerminalError, type KubeObject } from '../core/index.ts';
import { ManualClock, settle } from './clock.ts';
import { Controller, type ReconcileOutcome } from './controller.ts';
import { reconcilerFunc, type Result } from './reconciler.ts';
import { requestKey, type Request } from './request.ts';
import { generationChanged, mapToOwner, mapToSelf } from './triggers.ts';

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const req = (name: string, namespace = 'ns'): Request => ({ namespace, name });

test('N workers reconcile different objects at once, never more than N', async () => {
  const gate = deferred();
  let running = 0;
  let peak = 0;
  const seen: string[] = [];
  const c = new Controller(
    reconcilerFunc(async (r) => {
      peak = Math.max(peak, ++running);
      await gate.promise;
      running--;
      seen.push(r.name);
      return {};
    }),
    { name: 't', maxConcurrentReconciles: 3 },
  );
  for (let i = 0; i < 10; i++) c.enqueue(req(`o${i}`));
  const ac = new AbortController();
  const run = c.run(ac.signal);
  await settle();
  assert.equal(running, 3, 'three workers busy');
  assert.equal(c.stats().processing, 3);
  gate.resolve();
  while (seen.length < 10) await settle(1);
  assert.equal(peak, 3);
  assert.deepEqual([...seen].sort(), Array.from({ length: 10 }, (_, i) => `o${i}`).sort());
  ac.abort();
  await run;
});

test('an object changed during its reconcile is reconciled once more afterwards, never concurrently', async () => {
  const first = deferred();
  let running = 0;
  let calls = 0;
  let overlap = false;
  const c = new Controller(
    reconcilerFunc(async () => {
      if (running > 0) overlap = true;
      running++;
      calls++;
      if (calls === 1) await first.promise;
      running--;
      return {};
    }),
    { name: 't', maxConcurrentReconciles: 4 },
  );
  const ac = new AbortController();
  const run = c.run(ac.signal);
  c.enqueue(req('a'));
  await settle();
  c.enqueue(req('a'));
  c.enqueue(req('a'));
  await settle();
  assert.equal(calls, 1, 'the second run waits for the first');
  first.resolve();
  while (calls < 2) await settle(1);
  await settle();
  assert.equal(calls, 2, 'the two adds during the run collapse into one');
  assert.equal(overlap, false);
  ac.abort();
  await run;
});

/** A controller on a manual clock whose reconciler answers from a script and records outcomes. */
function scripted(answers: (() => Result)[], options: { baseDelayMs?: number } = {}) {
  const clock = new ManualClock();
  const outcomes: ReconcileOutcome[] = [];
  let calls = 0;
  const c = new Controller(
    reconcilerFunc(() => {
      const answer = answers[Math.min(calls++, answers.length - 1)]!;
      return Promise.resolve().then(answer);
    }),
    {
      name: 't',
      clock,
      rateLimiter: {
        backoff: { baseDelayMs: options.baseDelayMs ?? 1000, maxDelayMs: 60_000, factor: 2 },
        bucket: undefined,
      },
      metrics: { reconciled: (o) => outcomes.push(o) },
    },
  );
  return { c, clock, outcomes, calls: () => calls };
}

test('a failing reconcile is retried with exponential backoff; success resets it', async () => {
  const fail = (): Result => {
    throw new Error('API server unavailable');
  };
  const { c, clock, outcomes, calls } = scripted([fail, fail, fail, () => ({}), fail, () => ({})]);
  const ac = new AbortController();
  const run = c.run(ac.signal);
  c.enqueue(req('a'));
  await settle();
  assert.equal(calls(), 1);
  clock.advance(999);
  await settle();
  assert.equal(calls(), 1, 'not before the first backoff (1 s)');
  clock.advance(1);
  await settle();
  assert.equal(calls(), 2);
  clock.advance(1999);
  await settle();
  assert.equal(calls(), 2, 'the second backoff is 2 s');
  clock.advance(1);
  await settle();
  assert.equal(calls(), 3);
  clock.advance(4000);
  await settle();
  assert.equal(calls(), 4, 'third backoff 4 s, then it succeeds');
  clock.advance(60_000);
  await settle();
  assert.equal(calls(), 4, 'success without requeueAfter is not requeued');
  c.enqueue(req('a'));
  await settle();
  assert.equal(calls(), 5, 'a change reconciles it again; it fails');
  clock.advance(1000);
  await settle();
  assert.equal(calls(), 6, 'the backoff started over at 1 s after the success');
  assert.deepEqual(outcomes, ['error', 'error', 'error', 'success', 'error', 'success']);
  ac.abort();
  await run;
});

test('a TerminalError is not retried; the next change reconciles again', async () => {
  const { c, clock, outcomes, calls } = scripted([
    () => {
      throw new TerminalError('Kustomization/ns/a: spec.path is absolute');
    },
    () => ({}),
  ]);
  const ac = new AbortController();
  const run = c.run(ac.signal);
  c.enqueue(req('a'));
  await settle();
  clock.advance(3_600_000);
  await settle();
  assert.equal(calls(), 1);
  assert.deepEqual(outcomes, ['terminal']);
  assert.equal(clock.pending, 0, 'nothing scheduled');
  c.enqueue(req('a'));
  await settle();
  assert.deepEqual(outcomes, ['terminal', 'success']);
  ac.abort();
  await run;
});

test('requeueAfter reconciles again after the interval, and an event can come sooner', async () => {
  const { c, clock, outcomes, calls } = scripted([() => ({ requeueAfter: 60_000 })]);
  const ac = new AbortController();
  const run = c.run(ac.signal);
  c.enqueue(req('a'));
  await settle();
  clock.advance(59_999);
  await settle();
  assert.equal(calls(), 1);
  clock.advance(1);
  await settle();
  assert.equal(calls(), 2, 'periodic reconcile');
  clock.advance(10_000);
  c.enqueue(req('a'));
  await settle();
  assert.equal(calls(), 3, 'a watch event does not wait for the interval');
  assert.deepEqual(outcomes, ['requeue_after', 'requeue_after', 'requeue_after']);
  ac.abort();
  await run;
});

test('an error wins over a requeue: failures back off instead of waiting for the interval', async () => {
  const { c, clock, calls } = scripted(
    [
      () => ({ requeueAfter: 600_000 }),
      () => {
        throw new Error('boom');
      },
      () => ({ requeueAfter: 600_000 }),
    ],
    { baseDelayMs: 10 },
  );
  const ac = new AbortController();
  const run = c.run(ac.signal);
  c.enqueue(req('a'));
  await settle();
  c.enqueue(req('a'));
  await settle();
  assert.equal(calls(), 2);
  clock.advance(10);
  await settle();
  assert.equal(calls(), 3, 'retried after 10 ms, not after the 10 min interval');
  ac.abort();
  await run;
});

test('shutdown lets the reconcile in flight finish, starts nothing new and resolves', async () => {
  let sawAbort = false;
  const started: string[] = [];
  const c = new Controller(
    reconcilerFunc(async (r, { signal }) => {
      started.push(r.name);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      sawAbort = signal.aborted;
      return {};
    }),
    { name: 't', maxConcurrentReconciles: 1 },
  );
  c.enqueue(req('a'));
  c.enqueue(req('b'));
  const ac = new AbortController();
  let finished = false;
  const run = c.run(ac.signal).then(() => (finished = true));
  await settle();
  assert.deepEqual(started, ['a']);
  assert.equal(finished, false);
  ac.abort();
  await run;
  assert.equal(sawAbort, true, 'the reconcile saw the signal');
  assert.deepEqual(started, ['a'], 'b was not started after shutdown');
  await assert.rejects(c.run(new AbortController().signal), { code: 'CONTROLLER_STARTED' });
});

test('a reconcile that fails because of shutdown is not retried', async () => {
  const outcomes: ReconcileOutcome[] = [];
  const clock = new ManualClock();
  const c = new Controller(
    reconcilerFunc(async (_r, { signal }) => {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      throw new Error('aborted');
    }),
    { name: 't', clock, metrics: { reconciled: (o) => outcomes.push(o) } },
  );
  c.enqueue(req('a'));
  const ac = new AbortController();
  const run = c.run(ac.signal);
  await settle();
  ac.abort();
  await run;
  assert.deepEqual(outcomes, ['aborted']);
  assert.equal(clock.pending, 0);
});

test('requests this shard does not own are never reconciled', async () => {
  const seen: string[] = [];
  const owned = new Set(['ns/a', 'ns/c']);
  const c = new Controller(
    reconcilerFunc((r) => {
      seen.push(requestKey(r));
      return Promise.resolve({});
    }),
    { name: 't', owns: (r) => owned.has(requestKey(r)) },
  );
  for (const n of ['a', 'b', 'c', 'd']) c.enqueue(req(n));
  c.enqueueAfter(req('e'), 1);
  assert.equal(c.stats().depth, 2);
  const ac = new AbortController();
  const run = c.run(ac.signal);
  while (seen.length < 2) await settle(1);
  assert.deepEqual(seen.sort(), ['ns/a', 'ns/c']);
  ac.abort();
  await run;
});

test('ownership that moves while an item waits is checked again before reconciling', async () => {
  const seen: string[] = [];
  let own = true;
  const c = new Controller(
    reconcilerFunc((r) => {
      seen.push(r.name);
      return Promise.resolve({});
    }),
    { name: 't', owns: () => own },
  );
  c.enqueue(req('a'));
  own = false;
  const ac = new AbortController();
  const run = c.run(ac.signal);
  await settle();
  assert.deepEqual(seen, []);
  ac.abort();
  await run;
});

function obj(kind: string, name: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { apiVersion: 'apps/v1', kind, metadata: { namespace: 'shop', name, ...extra } };
}

test('watch events reach the reconciler through triggers: owners, predicates, bookmarks', async () => {
  const seen: string[] = [];
  const c = new Controller(
    reconcilerFunc((r) => {
      seen.push(requestKey(r));
      return Promise.resolve({});
    }),
    { name: 't' },
  );
  const ac = new AbortController();
  const run = c.run(ac.signal);
  const onOwned = c.handler({
    map: mapToOwner({ group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization' }),
  });
  const onSelf = c.handler({ map: mapToSelf, predicates: [generationChanged] });

  onOwned({
    type: 'MODIFIED',
    object: obj('Deployment', 'web', {
      ownerReferences: [
        {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          name: 'apps',
          uid: '1',
          controller: true,
        },
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'other', uid: '2', controller: false },
      ],
    }),
  });
  while (seen.length < 1) await settle(1);
  assert.deepEqual(seen, ['shop/apps'], 'a drifted Deployment enqueues its owner at once');

  const before = obj('Kustomization', 'apps', { generation: 3 });
  onSelf({ type: 'MODIFIED', old: before, object: obj('Kustomization', 'apps', { generation: 3 }) });
  onSelf({ type: 'BOOKMARK', object: obj('Kustomization', 'apps') });
  await settle();
  assert.deepEqual(seen, ['shop/apps'], 'status-only updates and bookmarks do not reconcile');
  onSelf({ type: 'MODIFIED', old: before, object: obj('Kustomization', 'apps', { generation: 4 }) });
  while (seen.length < 2) await settle(1);
  assert.deepEqual(seen, ['shop/apps', 'shop/apps']);
  ac.abort();
  await run;
});
