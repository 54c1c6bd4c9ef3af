import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strategicMerge } from './merge.ts';
import { noSchema, type MergeSchema, type SchemaNode } from './schema.ts';

// A two-field schema: a `containers` list merged by `name`.
const leaf: SchemaNode = {
  field: () => undefined,
  elements: () => undefined,
  patchStrategy: () => ({ strategy: '', keys: [] }),
};
const containers: SchemaNode = {
  field: () => undefined,
  elements: () => leaf,
  patchStrategy: () => ({ strategy: 'merge', keys: ['name'] }),
};
const spec: SchemaNode = { ...leaf, field: (n) => (n === 'containers' ? containers : undefined) };
const schema: MergeSchema = { forType: () => ({ ...leaf, field: (n) => (n === 'spec' ? spec : undefined) }) };

const dest = (): Record<string, unknown> => ({
  kind: 'Pod',
  spec: {
    containers: [
      { name: 'a', image: 'a:1' },
      { name: 'b', image: 'b:1' },
    ],
    keep: 1,
    drop: 2,
  },
});

test('maps merge, null deletes, lists merge by key with patched elements first', () => {
  const out = strategicMerge(
    { spec: { containers: [{ name: 'b', image: 'b:2' }], drop: null, add: 3 } },
    dest(),
    schema,
  );
  assert.deepEqual(out, {
    kind: 'Pod',
    spec: {
      containers: [
        { name: 'b', image: 'b:2' },
        { name: 'a', image: 'a:1' },
      ],
      keep: 1,
      add: 3,
    },
  });
});

test('without a schema a list is replaced, as kyaml does for unknown types', () => {
  const out = strategicMerge({ spec: { containers: [{ name: 'b', image: 'b:2' }] } }, dest(), noSchema);
  assert.deepEqual((out!['spec'] as Record<string, unknown>)['containers'], [{ name: 'b', image: 'b:2' }]);
});

test('$patch directives: delete an element, replace a map, delete the object', () => {
  const del = strategicMerge({ spec: { containers: [{ name: 'a', $patch: 'delete' }] } }, dest(), schema);
  assert.deepEqual((del!['spec'] as Record<string, unknown>)['containers'], [{ name: 'b', image: 'b:1' }]);
  const rep = strategicMerge({ spec: { $patch: 'replace', only: true } }, dest(), schema);
  assert.deepEqual(rep!['spec'], { only: true });
  assert.equal(strategicMerge({ $patch: 'delete' }, dest(), schema), undefined);
});
