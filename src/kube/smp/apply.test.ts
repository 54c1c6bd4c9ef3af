import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from '../json.ts';
import { schemaFor } from '../schema/lookup.ts';
import { strategicMergePatch } from './apply.ts';
import { StrategicMergePatchError } from './errors.ts';
import { testSchema } from './testschema.ts';

const deploymentSchema = schemaFor({ apiVersion: 'apps/v1', kind: 'Deployment' })!;
const podSchema = schemaFor({ apiVersion: 'v1', kind: 'Pod' })!;

function deployment(): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'prod', labels: { app: 'web' }, finalizers: ['a.io/one'] },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.26',
              env: [
                { name: 'MODE', value: 'prod' },
                { name: 'DEBUG', value: '0' },
              ],
            },
            { name: 'sidecar', image: 'envoy:1' },
          ],
          volumes: [{ name: 'cache', emptyDir: {} }],
          tolerations: [{ key: 'a', operator: 'Exists' }],
        },
      },
    },
  };
}

function spec(obj: JsonObject): JsonObject {
  return ((obj.spec as JsonObject).template as JsonObject).spec as JsonObject;
}

test('kubectl set image changes one container by name and keeps the rest and their order', () => {
  const out = strategicMergePatch(
    deployment(),
    { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'envoy:2' }] } } } },
    deploymentSchema,
  );
  const containers = spec(out).containers as JsonObject[];
  assert.deepEqual(
    containers.map((c) => [c.name, c.image]),
    [
      ['web', 'nginx:1.26'],
      ['sidecar', 'envoy:2'],
    ],
  );
  assert.equal((containers[0]!.env as unknown[]).length, 2);
});

test('$setElementOrder reorders a merge list and never reaches the result', () => {
  const out = strategicMergePatch(
    deployment(),
    {
      spec: {
        template: {
          spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'web' }] },
        },
      },
    },
    deploymentSchema,
  );
  assert.deepEqual(
    (spec(out).containers as JsonObject[]).map((c) => c.name),
    ['sidecar', 'web'],
  );
  assert.ok(!JSON.stringify(out).includes('$setElementOrder'));
});

test('a $patch: delete element removes the entry with that merge key', () => {
  const out = strategicMergePatch(
    deployment(),
    {
      spec: {
        template: {
          spec: { containers: [{ name: 'web', env: [{ name: 'DEBUG', $patch: 'delete' }] }] },
        },
      },
    },
    deploymentSchema,
  );
  assert.deepEqual((spec(out).containers as JsonObject[])[0]!.env, [{ name: 'MODE', value: 'prod' }]);
});

test('a $patch: replace element makes the list replace the live one', () => {
  const out = strategicMergePatch(
    deployment(),
    { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } },
    deploymentSchema,
  );
  assert.deepEqual(spec(out).containers, [{ name: 'only', image: 'x' }]);
});

test('$patch: replace in a map replaces it; $patch: delete empties it', () => {
  const replaced = strategicMergePatch(
    deployment(),
    { metadata: { labels: { tier: 'front', $patch: 'replace' } } },
    deploymentSchema,
  );
  assert.deepEqual((replaced.metadata as JsonObject).labels, { tier: 'front' });
  const deleted = strategicMergePatch(
    deployment(),
    { metadata: { labels: { $patch: 'delete' } } },
    deploymentSchema,
  );
  assert.deepEqual((deleted.metadata as JsonObject).labels, {});
});

test('finalizers merge as a set; $deleteFromPrimitiveList removes values', () => {
  const added = strategicMergePatch(
    deployment(),
    { metadata: { finalizers: ['b.io/two', 'a.io/one'] } },
    deploymentSchema,
  );
  assert.deepEqual((added.metadata as JsonObject).finalizers, ['b.io/two', 'a.io/one']);
  const removed = strategicMergePatch(
    added,
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.io/one', 'c.io/absent'] } },
    deploymentSchema,
  );
  assert.deepEqual((removed.metadata as JsonObject).finalizers, ['b.io/two']);
});

test('retainKeys on the deployment strategy drops rollingUpdate when switching to Recreate', () => {
  const out = strategicMergePatch(
    deployment(),
    { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
    deploymentSchema,
  );
  assert.deepEqual((out.spec as JsonObject).strategy, { type: 'Recreate' });
  // Without the directive the union member would linger.
  const naive = strategicMergePatch(
    deployment(),
    { spec: { strategy: { type: 'Recreate' } } },
    deploymentSchema,
  );
  assert.ok(((naive.spec as JsonObject).strategy as JsonObject).rollingUpdate);
});

test('retainKeys on volumes switches a volume source', () => {
  const out = strategicMergePatch(
    deployment(),
    {
      spec: {
        template: {
          spec: {
            volumes: [{ $retainKeys: ['configMap', 'name'], name: 'cache', configMap: { name: 'cm' } }],
          },
        },
      },
    },
    deploymentSchema,
  );
  assert.deepEqual(spec(out).volumes, [{ name: 'cache', configMap: { name: 'cm' } }]);
});

test('a patch key missing from $retainKeys is rejected', () => {
  assert.throws(
    () =>
      strategicMergePatch(
        deployment(),
        {
          spec: {
            strategy: { $retainKeys: ['type'], type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
          },
        },
        deploymentSchema,
      ),
    (err: unknown) =>
      err instanceof StrategicMergePatchError &&
      err.code === 'SMP_INVALID' &&
      err.message === 'Deployment/prod/web: strategic merge patch: invalid patch format of retainKeys',
  );
});

test('null deletes a field; a null for a missing field changes nothing', () => {
  const out = strategicMergePatch(deployment(), { spec: { replicas: null, paused: null } }, deploymentSchema);
  assert.equal(Object.hasOwn(out.spec as JsonObject, 'replicas'), false);
  assert.equal(Object.hasOwn(out.spec as JsonObject, 'paused'), false);
});

test('lists without a strategy are replaced', () => {
  const out = strategicMergePatch(
    deployment(),
    { spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } },
    deploymentSchema,
  );
  assert.deepEqual(spec(out).tolerations, [{ key: 'b', operator: 'Exists' }]);
});

test('the replace strategy replaces a PodDisruptionBudget selector instead of merging it', () => {
  const pdb = { spec: { selector: { matchLabels: { app: 'web' } } } };
  const schema = schemaFor({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' })!;
  const out = strategicMergePatch(pdb, { spec: { selector: { matchLabels: { tier: 'front' } } } }, schema);
  assert.deepEqual(out, { spec: { selector: { matchLabels: { tier: 'front' } } } });
  // A Deployment selector has no strategy, so it merges.
  const merged = strategicMergePatch(
    pdb,
    { spec: { selector: { matchLabels: { tier: 'front' } } } },
    deploymentSchema,
  );
  assert.deepEqual(merged, { spec: { selector: { matchLabels: { app: 'web', tier: 'front' } } } });
});

test('service ports merge by port and owner references by uid', () => {
  const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
  const svcSchema = schemaFor({ apiVersion: 'v1', kind: 'Service' })!;
  const out = strategicMergePatch(svc, { spec: { ports: [{ port: 443, name: 'https' }] } }, svcSchema);
  assert.deepEqual(out, {
    spec: {
      ports: [
        { port: 80, targetPort: 8080 },
        { port: 443, name: 'https' },
      ],
    },
  });
  const owned = { metadata: { ownerReferences: [{ uid: 'u1', name: 'a' }] } };
  const outOwned = strategicMergePatch(
    owned,
    { metadata: { ownerReferences: [{ uid: 'u2', name: 'b' }] } },
    podSchema,
  );
  assert.equal(((outOwned.metadata as JsonObject).ownerReferences as unknown[]).length, 2);
});

test('directives inside a newly added subtree never survive', () => {
  const out = strategicMergePatch(
    { metadata: { name: 'p' } },
    {
      spec: {
        '$setElementOrder/containers': [{ name: 'a' }],
        containers: [
          { name: 'a', '$setElementOrder/env': [{ name: 'X' }], env: [{ name: 'X', value: '1' }] },
        ],
        securityContext: { $retainKeys: ['runAsUser'], runAsUser: 1 },
        volumes: [
          { name: 'v', emptyDir: {} },
          { name: 'gone', $patch: 'delete' },
        ],
      },
    },
    podSchema,
  );
  assert.deepEqual(out.spec, {
    containers: [{ name: 'a', env: [{ name: 'X', value: '1' }] }],
    securityContext: { runAsUser: 1 },
    volumes: [{ name: 'v', emptyDir: {} }],
  });
});

test('the inputs are never changed', () => {
  const original = deployment();
  const before = JSON.stringify(original);
  const patch = { spec: { template: { spec: { containers: [{ name: 'web', $patch: 'delete' }] } } } };
  const patchBefore = JSON.stringify(patch);
  strategicMergePatch(original, patch, deploymentSchema);
  assert.equal(JSON.stringify(original), before);
  assert.equal(JSON.stringify(patch), patchBefore);
});

test('$deleteFromPrimitiveList never adds values or lists', () => {
  const s = testSchema;
  assert.deepEqual(strategicMergePatch({ ports: [1, 2] }, { '$deleteFromPrimitiveList/ports': [3] }, s), {
    ports: [1, 2],
  });
  assert.deepEqual(strategicMergePatch({ ports: [] }, { '$deleteFromPrimitiveList/ports': [3] }, s), {
    ports: [],
  });
  assert.deepEqual(strategicMergePatch({ name: 'a' }, { '$deleteFromPrimitiveList/ports': [3] }, s), {
    name: 'a',
  });
  // The deletion list works on a list without the merge strategy too.
  assert.deepEqual(
    strategicMergePatch({ plainPorts: [1, 2, 3] }, { '$deleteFromPrimitiveList/plainPorts': [2] }, s),
    {
      plainPorts: [1, 3],
    },
  );
});

const malformed: [string, JsonObject, JsonObject, string][] = [
  [
    'an element without its merge key',
    { items: [{ name: 'a' }] },
    { items: [{ value: 'x' }] },
    'map: map[value:x] does not contain declared merge key: name',
  ],
  [
    'an unknown map directive',
    { labels: {} },
    { labels: { $patch: 'explode' } },
    'unknown patch type: explode in map: map[$patch:explode]',
  ],
  [
    'a merge directive in a list',
    { items: [{ name: 'a' }] },
    { items: [{ $patch: 'merge' }] },
    'merging lists cannot yet be specified in the patch',
  ],
  [
    'a delete directive without the key',
    { items: [{ name: 'a' }] },
    { items: [{ $patch: 'delete' }] },
    'map: map[$patch:delete] does not contain declared merge key: name',
  ],
  [
    'mixed element types',
    { ports: [1] },
    { ports: ['two'] },
    'list element types are not identical: [[1] [two]]',
  ],
  [
    'a deletion list without its field',
    { ports: [1] },
    { $deleteFromPrimitiveList: [1] },
    'invalid patch format of primitive list',
  ],
  [
    'a retainKeys directive that is not a list',
    { strategy: {} },
    { strategy: { $retainKeys: 'name' } },
    'invalid patch format of retainKeys',
  ],
  [
    'a patch list out of $setElementOrder order',
    { items: [{ name: 'a' }, { name: 'b' }] },
    { '$setElementOrder/items': [{ name: 'a' }, { name: 'b' }], items: [{ name: 'b' }, { name: 'a' }] },
    "The order in patch list:\n[map[name:b] map[name:a]]\n doesn't match $setElementOrder list:\n[map[name:a] map[name:b]]\n",
  ],
];

for (const [name, original, patch, detail] of malformed) {
  test(`malformed patches are rejected: ${name}`, () => {
    assert.throws(
      () => strategicMergePatch(original, patch, testSchema),
      (err: unknown) =>
        err instanceof StrategicMergePatchError && err.code === 'SMP_INVALID' && err.detail === detail,
    );
  });
}
