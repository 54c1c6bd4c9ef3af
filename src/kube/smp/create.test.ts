import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from '../json.ts';
import { schemaFor } from '../schema/lookup.ts';
import { strategicMergePatch } from './apply.ts';
import { createStrategicMergePatch, createThreeWayMergePatch, createTwoWayMergePatch } from './create.ts';
import { StrategicMergePatchError } from './errors.ts';

const schema = schemaFor({ apiVersion: 'apps/v1', kind: 'Deployment' })!;

function manifest(image: string, withSidecar: boolean): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'prod',
      labels: withSidecar ? { app: 'web', tier: 'front' } : { app: 'web' },
    },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'web', image },
            ...(withSidecar ? [{ name: 'sidecar', image: 'envoy:1' }] : []),
          ],
        },
      },
    },
  };
}

function live(): JsonObject {
  const obj = manifest('nginx:1.26', true);
  const spec = obj.spec as JsonObject;
  spec.replicas = 1;
  const pod = (spec.template as JsonObject).spec as JsonObject;
  pod.dnsPolicy = 'ClusterFirst';
  for (const c of pod.containers as JsonObject[]) {
    c.imagePullPolicy = 'IfNotPresent';
    c.terminationMessagePath = '/dev/termination-log';
  }
  (obj.metadata as JsonObject).annotations = { 'note/by-hand': 'yes' };
  return obj;
}

test('kubectl apply: a three-way patch drops what the file dropped and keeps server defaults', () => {
  const lastApplied = manifest('nginx:1.26', true);
  const modified = manifest('nginx:1.27', false);
  const patch = createThreeWayMergePatch(lastApplied, modified, live(), schema);
  assert.deepEqual(patch, {
    metadata: { labels: { tier: null } },
    spec: {
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'web' }],
          containers: [
            { image: 'nginx:1.27', name: 'web' },
            { $patch: 'delete', name: 'sidecar' },
          ],
        },
      },
    },
  });
});

test('applying that patch yields the file plus what the server and other writers added', () => {
  const current = live();
  const patch = createThreeWayMergePatch(
    manifest('nginx:1.26', true),
    manifest('nginx:1.27', false),
    current,
    schema,
  );
  const result = strategicMergePatch(current, patch, schema);
  assert.deepEqual((result.metadata as JsonObject).labels, { app: 'web' });
  assert.deepEqual((result.metadata as JsonObject).annotations, { 'note/by-hand': 'yes' });
  assert.equal((result.spec as JsonObject).replicas, 1);
  const containers = ((result.spec as JsonObject).template as JsonObject).spec as JsonObject;
  assert.deepEqual(containers.containers, [
    {
      name: 'web',
      image: 'nginx:1.27',
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
    },
  ]);
});

test('patches are serialised with sorted keys, as kubectl sends them', () => {
  const patch = createTwoWayMergePatch(manifest('a', true), manifest('b', true), schema);
  assert.equal(
    JSON.stringify(patch),
    '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],"containers":[{"image":"b","name":"web"}]}}}}',
  );
});

test('createStrategicMergePatch is two-way without a live object and three-way with one', () => {
  const two = createStrategicMergePatch(manifest('a', false), manifest('b', false), undefined, schema);
  assert.deepEqual(two, createTwoWayMergePatch(manifest('a', false), manifest('b', false), schema));
  const file = manifest('nginx:1.26', false);
  const three = createStrategicMergePatch(file, file, live(), schema);
  // The live sidecar and tier label were never applied, so they stay; the patch only pins the order.
  assert.deepEqual(three, {
    spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }] } } },
  });
  const result = strategicMergePatch(live(), three, schema);
  assert.equal(
    (((result.spec as JsonObject).template as JsonObject).spec as JsonObject).containers instanceof Array,
    true,
  );
  assert.deepEqual(result, live());
});

test('kubectl preconditions: apiVersion, kind and name may not change', () => {
  const renamed = manifest('a', false);
  (renamed.metadata as JsonObject).name = 'other';
  assert.throws(
    () => createTwoWayMergePatch(manifest('a', false), renamed, schema, { requireIdentityUnchanged: true }),
    (err: unknown) => err instanceof StrategicMergePatchError && err.code === 'SMP_PRECONDITION',
  );
  assert.doesNotThrow(() => createTwoWayMergePatch(manifest('a', false), renamed, schema));
});

test('an unsorted primitive merge list gets an order directive even when unchanged (upstream quirk)', () => {
  const obj = { metadata: { finalizers: ['b.io/x', 'a.io/y'] } };
  assert.deepEqual(createTwoWayMergePatch(obj, obj, schema), {
    metadata: { '$setElementOrder/finalizers': ['b.io/x', 'a.io/y'] },
  });
  const sorted = { metadata: { finalizers: ['a.io/y', 'b.io/x'] } };
  assert.deepEqual(createTwoWayMergePatch(sorted, sorted, schema), {});
});

test('switching the strategy type sends $retainKeys so the old union member is cleared', () => {
  const before = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
  const after = { spec: { strategy: { type: 'Recreate' } } };
  const patch = createTwoWayMergePatch(before, after, schema);
  assert.deepEqual(patch, {
    spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } },
  });
  assert.deepEqual(strategicMergePatch(before, patch, schema), after);
});

test('no input is changed while creating patches', () => {
  const a = manifest('a', true);
  const b = manifest('b', false);
  const c = live();
  const snapshot = JSON.stringify([a, b, c]);
  // The live image differs from the last-applied one, so without overwrite this is a conflict.
  assert.throws(
    () => createThreeWayMergePatch(a, b, c, schema, { overwrite: false }),
    /conflicts with changes/,
  );
  createThreeWayMergePatch(a, b, c, schema);
  assert.equal(JSON.stringify([a, b, c]), snapshot);
});
