import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { schemaForCustomResource } from '../schema/lookup.ts';
import { applyServerSide, type ServerSideApplyOptions } from './apply.ts';
import { SsaConflictError } from './conflict.ts';
import { SsaBadRequestError, SsaInvalidError } from './errors.ts';
import { trackUpdate } from './track-update.ts';

/** A clock that moves one minute per reading, so every write gets its own time. */
function clock(start = Date.parse('2026-01-01T00:00:00Z')): () => Date {
  let t = start;
  return () => {
    const d = new Date(t);
    t += 60_000;
    return d;
  };
}

const noDefaults = (): void => {};

function deploy(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'prod', ...metadata },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
      ...spec,
    },
  };
}

function applyAs(
  manager: string,
  live: KubeObject | undefined,
  config: KubeObject,
  now: () => Date,
  extra: Partial<ServerSideApplyOptions> = {},
): { object: KubeObject; changed: boolean; created: boolean } {
  return applyServerSide({ live, config, manager, now, defaulter: noDefaults, ...extra });
}

function entries(
  obj: KubeObject,
): { manager?: string; operation?: string; time?: string; subresource?: string }[] {
  return (obj.metadata.managedFields ?? []).map(({ manager, operation, time, subresource }) => ({
    manager,
    operation,
    time,
    ...(subresource ? { subresource } : {}),
  }));
}

function spec(obj: KubeObject): Record<string, unknown> {
  return obj.spec as Record<string, unknown>;
}

test('create on apply: the object is the configuration and one Apply entry owns what it set', () => {
  const now = clock();
  const { object, changed, created } = applyAs('flux', undefined, deploy({ replicas: 2 }), now);
  assert.equal(created, true);
  assert.equal(changed, true);
  assert.equal(spec(object).replicas, 2);
  assert.deepEqual(object.metadata.managedFields, [
    {
      manager: 'flux',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      time: '2026-01-01T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:spec': {
          'f:replicas': {},
          'f:selector': {},
          'f:template': {
            'f:metadata': { 'f:labels': { 'f:app': {} } },
            'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
          },
        },
      },
    },
  ]);
  // Keys are in the Go struct's order, so the stored JSON matches a real server byte for byte.
  assert.deepEqual(Object.keys(object.metadata.managedFields[0]!), [
    'manager',
    'operation',
    'apiVersion',
    'time',
    'fieldsType',
    'fieldsV1',
  ]);
});

test('applying the same configuration again is a no-op: unchanged object and times', () => {
  const now = clock();
  const first = applyAs('flux', undefined, deploy({ replicas: 2 }), now).object;
  const again = applyAs('flux', first, deploy({ replicas: 2 }), now);
  assert.equal(again.changed, false);
  assert.deepEqual(again.object, first);
});

test('a changed value is written and the applier time moves', () => {
  const now = clock();
  const first = applyAs('flux', undefined, deploy({ replicas: 2 }), now).object;
  const next = applyAs('flux', first, deploy({ replicas: 3 }), now);
  assert.equal(next.changed, true);
  assert.equal(spec(next.object).replicas, 3);
  assert.deepEqual(entries(next.object), [
    { manager: 'flux', operation: 'Apply', time: '2026-01-01T00:01:00Z' },
  ]);
});

test('fields the applier stops sending are removed unless another manager owns them', () => {
  const now = clock();
  let live = applyAs(
    'flux',
    undefined,
    deploy({ replicas: 2, paused: true }, { labels: { app: 'web', tier: 'front' } }),
    now,
  ).object;
  // Someone else takes a label of their own and shares `app` by setting it to the same value.
  live = applyAs(
    'ops',
    live,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web', owner: 'ops' } },
    },
    now,
  ).object;
  const next = applyAs('flux', live, deploy({ replicas: 2 }), now).object;
  assert.equal(spec(next).paused, undefined, 'paused dropped');
  assert.deepEqual(
    next.metadata.labels,
    { app: 'web', owner: 'ops' },
    'tier dropped, shared app and ops label kept',
  );
});

test('removing a container from the configuration removes it from the object', () => {
  const now = clock();
  const two = deploy({});
  (spec(two).template as { spec: { containers: unknown[] } }).spec.containers.push({
    name: 'sidecar',
    image: 'envoy',
  });
  const live = applyAs('flux', undefined, two, now).object;
  const next = applyAs('flux', live, deploy({}), now).object;
  const containers = (spec(next).template as { spec: { containers: { name: string }[] } }).spec.containers;
  assert.deepEqual(
    containers.map((c) => c.name),
    ['web'],
  );
});

test('a field another manager changed is a conflict, reported as the API server does', () => {
  const now = clock();
  const live = applyAs('flux', undefined, deploy({ replicas: 2 }), now).object;
  // `kubectl scale` writes through /scale with an Update entry.
  const scaled = trackUpdate({
    live,
    object: { ...live, spec: { ...spec(live), replicas: 5 } },
    manager: 'kubectl',
    now,
  });
  assert.deepEqual(entries(scaled.object), [
    { manager: 'flux', operation: 'Apply', time: '2026-01-01T00:00:00Z' },
    { manager: 'kubectl', operation: 'Update', time: '2026-01-01T00:01:00Z' },
  ]);
  assert.throws(
    () => applyAs('flux', scaled.object, deploy({ replicas: 3 }), now),
    (err: unknown) => {
      assert.ok(err instanceof SsaConflictError);
      assert.equal(err.code, 'SSA_CONFLICT');
      assert.equal(
        err.statusMessage,
        'Apply failed with 1 conflict: conflict with "kubectl" using apps/v1: .spec.replicas',
      );
      assert.equal(err.message, `Deployment/prod/web: ${err.statusMessage}`);
      assert.deepEqual(err.causes, [
        {
          type: 'FieldManagerConflict',
          message: 'conflict with "kubectl" using apps/v1',
          field: '.spec.replicas',
        },
      ]);
      return true;
    },
  );
  // Re-applying the value the other manager set is no conflict: nothing changes.
  assert.doesNotThrow(() => applyAs('flux', scaled.object, deploy({ replicas: 5 }), now));
});

test('force takes the fields over; the loser keeps nothing and disappears', () => {
  const now = clock();
  const live = applyAs('flux', undefined, deploy({ replicas: 2 }), now).object;
  const scaled = trackUpdate({
    live,
    object: { ...live, spec: { ...spec(live), replicas: 5 } },
    manager: 'hpa',
    now,
  }).object;
  const forced = applyAs('flux', scaled, deploy({ replicas: 3 }), now, { force: true }).object;
  assert.equal(spec(forced).replicas, 3);
  assert.deepEqual(
    entries(forced).map((e) => e.manager),
    ['flux'],
  );
});

test('several conflicts list each manager and path', () => {
  const now = clock();
  let live = applyAs('a', undefined, deploy({ replicas: 2, paused: false }), now).object;
  live = applyAs(
    'b',
    live,
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { minReadySeconds: 5 } },
    now,
  ).object;
  try {
    applyAs(
      'c',
      live,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { replicas: 9, paused: true, minReadySeconds: 1 },
      },
      now,
    );
    assert.fail('expected a conflict');
  } catch (err) {
    assert.ok(err instanceof SsaConflictError);
    assert.equal(
      err.statusMessage,
      'Apply failed with 3 conflicts: conflicts with "a":\n- .spec.paused\n- .spec.replicas\nconflicts with "b":\n- .spec.minReadySeconds',
    );
  }
});

test('atomic values conflict as a whole; a set list unions appliers', () => {
  const now = clock();
  const live = applyAs('a', undefined, deploy({}, { finalizers: ['a.io/x'] }), now).object;
  const withSelector = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', finalizers: ['b.io/y'] },
    spec: { template: { spec: { containers: [{ name: 'web', args: ['--b'] }] } } },
  };
  const both = applyAs('b', live, withSelector, now).object;
  assert.deepEqual(both.metadata.finalizers, ['a.io/x', 'b.io/y']);
  // `a` stops sending its finalizer: only that one goes.
  const dropped = applyAs('a', both, deploy({}), now).object;
  assert.deepEqual(dropped.metadata.finalizers, ['b.io/y']);
  // `args` is atomic: another applier's different list conflicts on the whole field.
  assert.throws(
    () =>
      applyAs(
        'c',
        dropped,
        {
          ...withSelector,
          metadata: { name: 'web' },
          spec: { template: { spec: { containers: [{ name: 'web', args: ['--c'] }] } } },
        },
        now,
      ),
    /conflict with "b": \.spec\.template\.spec\.containers\[name="web"\]\.args/,
  );
});

test('an object nobody tracked belongs to before-first-apply', () => {
  const now = clock();
  const untracked = deploy({ replicas: 4 });
  untracked.metadata.uid = 'u-1';
  assert.throws(
    () => applyAs('flux', untracked, deploy({ replicas: 2 }), now),
    /conflict with "before-first-apply" using apps\/v1: \.spec\.replicas/,
  );
  const ok = applyAs('flux', untracked, deploy({ replicas: 4 }), now).object;
  assert.deepEqual(
    entries(ok).map((e) => [e.manager, e.operation]),
    [
      ['flux', 'Apply'],
      ['before-first-apply', 'Update'],
    ],
  );
});

test('client-side to server-side apply: kubectl may take fields matching last-applied', () => {
  const now = clock();
  // `kubectl apply` (client-side) created the object with the last-applied annotation.
  const file = deploy({ replicas: 2 });
  const annotation = JSON.stringify(file);
  const created = trackUpdate({
    live: undefined,
    object: {
      ...file,
      metadata: {
        ...file.metadata,
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': annotation },
      },
    },
    manager: 'kubectl-client-side-apply',
    now,
  }).object;
  created.metadata.uid = 'u-1';
  // `kubectl apply --server-side` with a new replica count: kubectl-client-side-apply owns replicas,
  // but the last-applied annotation says kubectl set it, so no conflict.
  const next = applyAs('kubectl', created, deploy({ replicas: 3 }), now);
  assert.equal(spec(next.object).replicas, 3);
  // The annotation is rewritten from the new configuration, as kubectl expects.
  const rewritten = next.object.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']!;
  assert.ok(rewritten.endsWith('\n'));
  assert.equal((JSON.parse(rewritten) as { spec: { replicas: number } }).spec.replicas, 3);
  assert.ok(
    rewritten.startsWith(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"prod"},"spec":{"replicas":3,',
    ),
  );
  // Another manager gets no such forgiveness.
  assert.throws(() => applyAs('flux', created, deploy({ replicas: 3 }), now), SsaConflictError);
});

test('kubectl still conflicts on fields someone changed after the last client-side apply', () => {
  const now = clock();
  const file = deploy({ replicas: 2 });
  let live = trackUpdate({
    live: undefined,
    object: {
      ...file,
      metadata: {
        ...file.metadata,
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(file) },
      },
    },
    manager: 'kubectl-client-side-apply',
    now,
  }).object;
  live.metadata.uid = 'u-1';
  live = trackUpdate({
    live,
    object: { ...live, spec: { ...spec(live), replicas: 7 } },
    manager: 'hpa',
    now,
  }).object;
  assert.throws(
    () => applyAs('kubectl', live, deploy({ replicas: 3 }), now),
    /conflict with "hpa" using apps\/v1: \.spec\.replicas/,
  );
});

test('status is reset on the main resource, so an applier never owns it', () => {
  const now = clock();
  const config = { ...deploy({}), status: { replicas: 9 } };
  const { object } = applyAs('flux', undefined, config, now);
  const fields = JSON.stringify(object.metadata.managedFields);
  assert.ok(!fields.includes('f:status'));
});

test('bad requests: managedFields in the configuration, another version or kind', () => {
  const now = clock();
  const withFields = deploy({});
  withFields.metadata.managedFields = [];
  assert.throws(
    () => applyAs('flux', undefined, withFields, now),
    (err: unknown) => {
      return err instanceof SsaBadRequestError && err.statusMessage === 'metadata.managedFields must be nil';
    },
  );
  assert.throws(
    () =>
      applyAs('flux', undefined, { ...deploy({}), apiVersion: 'apps/v1beta1' }, now, {
        expected: { apiVersion: 'apps/v1', kind: 'Deployment' },
      }),
    /Incorrect version specified in apply patch. Specified patch version: apps\/v1beta1, expected: apps\/v1/,
  );
});

test('a configuration with duplicate keys cannot be applied', () => {
  const now = clock();
  const dup = deploy({});
  (spec(dup).template as { spec: { containers: unknown[] } }).spec.containers.push({
    name: 'web',
    image: 'x',
  });
  assert.throws(
    () => applyAs('flux', undefined, dup, now),
    (err: unknown) =>
      err instanceof SsaInvalidError &&
      err.statusMessage ===
        'failed to create typed patch object (prod/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="web"]',
  );
});

test('a configuration with fields its schema does not declare cannot be applied', () => {
  const now = clock();
  const typo = deploy({ replicas: 2, foo: 'bar' });
  (spec(typo).template as { spec: Record<string, unknown> }).spec.bogus = true;
  assert.throws(
    () => applyAs('flux', undefined, typo, now),
    (err: unknown) =>
      err instanceof SsaInvalidError &&
      err.statusMessage ===
        'failed to create typed patch object (prod/web; apps/v1, Kind=Deployment): errors:\n  .spec.template.spec.bogus: field not declared in schema\n  .spec.foo: field not declared in schema',
  );
  // Untyped and preserved parts of a custom resource take anything.
  const crd = {
    spec: {
      versions: [
        {
          name: 'v1',
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: { free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
                },
              },
            },
          },
        },
      ],
    },
  };
  const schema = schemaForCustomResource(crd, 'v1');
  const cr = (s: Record<string, unknown>): KubeObject => ({
    apiVersion: 'example.com/v1',
    kind: 'Thing',
    metadata: { name: 't', namespace: 'prod' },
    spec: s,
  });
  assert.equal(
    applyAs('flux', undefined, cr({ free: { any: { thing: 1 } } }), now, { schema }).created,
    true,
  );
  assert.throws(
    () => applyAs('flux', undefined, cr({ nope: 1 }), now, { schema }),
    /\.spec\.nope: field not declared in schema/,
  );
});

test('an apply whose merge only drops what defaulting puts back is a no-op, whenever it comes', () => {
  const now = clock();
  const withFieldRef = (): KubeObject => {
    const d = deploy({});
    (spec(d).template as { spec: { containers: Record<string, unknown>[] } }).spec.containers[0]!.env = [
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ];
    return d;
  };
  // The real defaulter adds fieldRef.apiVersion; fieldRef is an atomic struct, so every merge
  // replaces it with the configuration's, without apiVersion, until defaulting adds it back.
  const live = applyServerSide({ live: undefined, config: withFieldRef(), manager: 'flux', now }).object;
  const again = applyServerSide({ live, config: withFieldRef(), manager: 'flux', now });
  assert.equal(again.changed, false);
  assert.deepEqual(again.object, live);
});

test('the defaulter runs on a changed result, not on a no-op', () => {
  const now = clock();
  let calls = 0;
  const defaulter = (obj: KubeObject): void => {
    calls++;
    (obj.spec as Record<string, unknown>).revisionHistoryLimit ??= 10;
  };
  const first = applyServerSide({
    live: undefined,
    config: deploy({}),
    manager: 'flux',
    now,
    defaulter,
  }).object;
  assert.equal(spec(first).revisionHistoryLimit, 10);
  const again = applyServerSide({ live: first, config: deploy({}), manager: 'flux', now, defaulter });
  assert.equal(again.changed, false);
  assert.equal(calls, 1);
});

test('a new manager applying values already live co-owns them: only managedFields change, without a time', () => {
  const now = clock();
  const live = applyAs('flux', undefined, deploy({ replicas: 2 }), now).object;
  const shared = applyAs('argo', live, deploy({ replicas: 2 }), now);
  assert.equal(shared.changed, true, 'the new entry must be stored');
  assert.deepEqual(
    { ...shared.object, metadata: { ...shared.object.metadata, managedFields: undefined } },
    {
      ...live,
      metadata: { ...live.metadata, managedFields: undefined },
    },
  );
  // apimachinery only stamps a time when the object itself changed; no time sorts first.
  assert.deepEqual(entries(shared.object), [
    { manager: 'argo', operation: 'Apply', time: undefined },
    { manager: 'flux', operation: 'Apply', time: '2026-01-01T00:00:00Z' },
  ]);
});

test('custom resources apply by their CRD schema: map lists merge by key, dropped items go', () => {
  const now = clock();
  const crd = {
    spec: {
      versions: [
        {
          name: 'v1',
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: {
                    routes: {
                      type: 'array',
                      'x-kubernetes-list-type': 'map',
                      'x-kubernetes-list-map-keys': ['path'],
                      items: {
                        type: 'object',
                        properties: { path: { type: 'string' }, backend: { type: 'string' } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
  const schema = schemaForCustomResource(crd, 'v1');
  const cr = (routes: { path: string; backend: string }[]): KubeObject => ({
    apiVersion: 'example.com/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'prod' },
    spec: { routes },
  });
  let live = applyAs(
    'flux',
    undefined,
    cr([
      { path: '/a', backend: 'a' },
      { path: '/b', backend: 'b' },
    ]),
    now,
    { schema },
  ).object;
  live = applyAs('ops', live, cr([{ path: '/c', backend: 'c' }]), now, { schema }).object;
  const next = applyAs('flux', live, cr([{ path: '/a', backend: 'a2' }]), now, { schema }).object;
  assert.deepEqual((next.spec as { routes: unknown[] }).routes, [
    { path: '/a', backend: 'a2' },
    { path: '/c', backend: 'c' },
  ]);
  assert.ok(JSON.stringify(next.metadata.managedFields).includes('k:{\\"path\\":\\"/a\\"}'));
});
