import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CapstanError, createLogger, type KubeObject } from '../core/index.ts';
import type { KubeWriter, ObjectKey, Patch } from '../kube/index.ts';
import { ManualClock } from './clock.ts';
import type { KubeEvent } from './event-correlator.ts';
import { KubeEventRecorder } from './events.ts';

/**
 * A test double for the one thing under test here, what the recorder asks a KubeWriter to do:
 * it records every call and answers as an API server would for Events (resourceVersion bumped,
 * merge patch applied, NotFound for unknown names). Limits: Events only, no validation, no
 * watch. The real API server is exercised by test/controllers-cluster.test.ts.
 */
class RecordingWriter implements Pick<KubeWriter, 'create' | 'patch'> {
  calls: { verb: 'create' | 'patch'; name: string; body: unknown }[] = [];
  stored = new Map<string, KubeObject>();
  failNext: Error | undefined;
  #rv = 100;

  create(obj: KubeObject): Promise<KubeObject> {
    this.calls.push({ verb: 'create', name: obj.metadata.name!, body: obj });
    if (this.failNext) return Promise.reject(this.#takeFailure());
    const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.#rv) } };
    this.stored.set(`${obj.metadata.namespace}/${obj.metadata.name}`, stored);
    return Promise.resolve(stored);
  }

  patch(key: ObjectKey, patch: Patch): Promise<KubeObject> {
    this.calls.push({ verb: 'patch', name: key.name, body: patch.body });
    const id = `${key.namespace}/${key.name}`;
    const old = this.stored.get(id);
    if (!old) return Promise.reject(new CapstanError(`Event/${id}: not found`, { code: 'NotFound' }));
    const next = {
      ...old,
      ...(patch.body as object),
      metadata: { ...old.metadata, resourceVersion: String(++this.#rv) },
    };
    this.stored.set(id, next);
    return Promise.resolve(next);
  }

  #takeFailure(): Error {
    const e = this.failNext!;
    this.failNext = undefined;
    return e;
  }
}

const kustomization: KubeObject = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { namespace: 'flux-system', name: 'apps', uid: 'u-1', resourceVersion: '42' },
};

function recorder(options: Partial<ConstructorParameters<typeof KubeEventRecorder>[1]> = {}) {
  const writer = new RecordingWriter();
  const clock = new ManualClock(Date.parse('2025-05-01T12:00:00Z'));
  const r = new KubeEventRecorder(writer as unknown as KubeWriter, {
    component: 'kustomize-controller',
    host: '',
    clock,
    ...options,
  });
  return { writer, clock, r };
}

test('an event is written as a core/v1 Event about the object, named like client-go names them', async () => {
  const { writer, r } = recorder();
  r.event(
    kustomization,
    'Normal',
    'ReconciliationSucceeded',
    'Reconciliation finished in 2s, next run in 10m',
  );
  await r.flush();
  assert.equal(writer.calls.length, 1);
  const ev = writer.calls[0]!.body as KubeEvent;
  assert.match(ev.metadata.name, /^apps\.[0-9a-f]+$/);
  assert.equal(
    BigInt('0x' + ev.metadata.name.slice(5)) / 1_000_000n,
    BigInt(Date.parse('2025-05-01T12:00:00Z')),
  );
  assert.deepEqual(
    { ...ev, metadata: { ...ev.metadata, name: 'x' } },
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'x', namespace: 'flux-system' },
      involvedObject: {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'apps',
        uid: 'u-1',
        resourceVersion: '42',
      },
      reason: 'ReconciliationSucceeded',
      message: 'Reconciliation finished in 2s, next run in 10m',
      type: 'Normal',
      source: { component: 'kustomize-controller' },
      firstTimestamp: '2025-05-01T12:00:00Z',
      lastTimestamp: '2025-05-01T12:00:00Z',
      count: 1,
      reportingComponent: 'kustomize-controller',
      reportingInstance: 'kustomize-controller',
    },
  );
});

test('a repeat of the same event bumps count and lastTimestamp on the same Event', async () => {
  const { writer, clock, r } = recorder();
  r.event(kustomization, 'Warning', 'HealthCheckFailed', 'timeout waiting for Deployment/apps/web');
  clock.advance(60_000);
  r.event(kustomization, 'Warning', 'HealthCheckFailed', 'timeout waiting for Deployment/apps/web');
  clock.advance(60_000);
  r.event(
    { ...kustomization, metadata: { ...kustomization.metadata, resourceVersion: '43' } },
    'Warning',
    'HealthCheckFailed',
    'timeout waiting for Deployment/apps/web',
  );
  await r.flush();
  assert.deepEqual(
    writer.calls.map((c) => c.verb),
    ['create', 'patch', 'patch'],
  );
  const name = writer.calls[0]!.name;
  assert.ok(
    writer.calls.every((c) => c.name === name),
    'one Event object',
  );
  const stored = [...writer.stored.values()][0]!;
  assert.equal(stored['count'], 3);
  assert.equal(stored['firstTimestamp'], '2025-05-01T12:00:00Z');
  assert.equal(stored['lastTimestamp'], '2025-05-01T12:02:00Z');
});

test('a different message, reason or type is a different Event', async () => {
  const { writer, r } = recorder();
  r.event(kustomization, 'Normal', 'Progressing', 'a');
  r.event(kustomization, 'Normal', 'Progressing', 'b');
  r.event(kustomization, 'Normal', 'Other', 'a');
  r.event(kustomization, 'Warning', 'Progressing', 'a');
  await r.flush();
  assert.deepEqual(
    writer.calls.map((c) => c.verb),
    ['create', 'create', 'create', 'create'],
  );
});

test('events about cluster-scoped objects go to the default namespace', async () => {
  const { writer, r } = recorder();
  r.event(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    'Normal',
    'Created',
    'created',
  );
  await r.flush();
  assert.equal((writer.calls[0]!.body as KubeEvent).metadata.namespace, 'default');
});

test('messages never carry secrets: URL credentials and known values are masked', async () => {
  const { writer, r } = recorder({ secrets: ['s3cr3t-token'] });
  r.event(
    kustomization,
    'Warning',
    'GitOperationFailed',
    'clone https://bob:hunter2@git.example.com/x.git failed with s3cr3t-token',
    {
      secrets: ['per-call-value'],
    },
  );
  r.event(kustomization, 'Warning', 'GitOperationFailed', 'header per-call-value rejected', {
    secrets: ['per-call-value'],
  });
  await r.flush();
  const messages = writer.calls.map((c) => (c.body as KubeEvent).message);
  assert.deepEqual(messages, [
    'clone https://***@git.example.com/x.git failed with ***',
    'header *** rejected',
  ]);
});

test('a repeat of an Event the server already expired is written afresh', async () => {
  const { writer, r } = recorder();
  r.event(kustomization, 'Normal', 'Progressing', 'same');
  await r.flush();
  writer.stored.clear();
  r.event(kustomization, 'Normal', 'Progressing', 'same');
  await r.flush();
  assert.deepEqual(
    writer.calls.map((c) => c.verb),
    ['create', 'patch', 'create'],
  );
  const recreated = writer.calls[2]!.body as KubeEvent;
  assert.equal(recreated.count, 2);
  assert.equal(recreated.metadata.resourceVersion, undefined, 'a create carries no resourceVersion');
});

test('one object gets a burst of 25 events, then one per five minutes', async () => {
  const { writer, clock, r } = recorder();
  for (let i = 0; i < 30; i++) r.event(kustomization, 'Normal', `Reason${i}`, 'm');
  await r.flush();
  assert.equal(writer.calls.length, 25);
  clock.advance(300_000);
  r.event(kustomization, 'Normal', 'Later', 'm');
  r.event(kustomization, 'Normal', 'Later2', 'm');
  await r.flush();
  assert.equal(writer.calls.length, 26);
  r.event(
    { ...kustomization, metadata: { ...kustomization.metadata, name: 'other', uid: 'u-2' } },
    'Normal',
    'X',
    'm',
  );
  await r.flush();
  assert.equal(writer.calls.length, 27, 'the limit is per object');
});

test('ten different messages with one reason in ten minutes are combined into one Event', async () => {
  const { writer, r } = recorder();
  for (let i = 0; i < 12; i++) r.event(kustomization, 'Warning', 'BuildFailed', `error at line ${i}`);
  await r.flush();
  const verbs = writer.calls.map((c) => c.verb);
  assert.deepEqual(verbs, [...new Array<string>(10).fill('create'), 'patch', 'patch']);
  const combined = writer.calls[9]!.body as KubeEvent;
  assert.equal(combined.message, '(combined from similar events): error at line 9');
  const last = [...writer.stored.values()].find((e) => e.metadata.name === combined.metadata.name)!;
  assert.equal(last['count'], 3);
  assert.equal(last['message'], '(combined from similar events): error at line 11');
});

test('a failed write is logged and does not stop later events', async () => {
  const lines: string[] = [];
  const { writer, r } = recorder({ logger: createLogger({ level: 'warn', write: (l) => lines.push(l) }) });
  writer.failNext = new CapstanError('Event/flux-system/apps: forbidden', { code: 'Forbidden' });
  r.event(kustomization, 'Normal', 'A', 'first');
  r.event(kustomization, 'Normal', 'B', 'second');
  await r.flush();
  assert.equal(writer.stored.size, 1);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /could not write event .*Kustomization\/flux-system\/apps.*forbidden/);
});

test('after the recorder signal fires nothing more is written', async () => {
  const ac = new AbortController();
  const { writer, r } = recorder({ signal: ac.signal });
  ac.abort();
  r.event(kustomization, 'Normal', 'A', 'x');
  await r.flush({ signal: AbortSignal.timeout(1000) });
  assert.equal(writer.calls.length, 0);
});
