import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crdErrors } from './crd-check.ts';
import { customResourceDefinition, storageVersion } from './crd.ts';
import { array, intOrString, map, object, resourceSchema, string } from './crd-schema.ts';

const schema = resourceSchema(
  object(
    { url: string({ pattern: '^https?://' }), tags: array(string()), labels: map(), n: intOrString() },
    { required: ['url'] },
  ),
  object({ phase: string() }),
);

const widget = (versions: { name: string; storage: boolean }[]) =>
  customResourceDefinition({
    group: 'example.capstan.dev',
    kind: 'Widget',
    plural: 'widgets',
    shortNames: ['wd'],
    categories: ['all'],
    versions: versions.map((v) => ({
      ...v,
      served: true,
      schema: { openAPIV3Schema: schema },
      subresources: { status: {} },
      additionalPrinterColumns: [{ name: 'Phase', type: 'string', jsonPath: '.status.phase' }],
    })),
  });

test('the constructor derives the name, singular, listKind and conversion None', () => {
  const crd = widget([
    { name: 'v1', storage: true },
    { name: 'v1beta1', storage: false },
  ]);
  assert.equal(crd.metadata.name, 'widgets.example.capstan.dev');
  assert.deepEqual(crd.spec.names, {
    plural: 'widgets',
    singular: 'widget',
    kind: 'Widget',
    listKind: 'WidgetList',
    shortNames: ['wd'],
    categories: ['all'],
  });
  assert.deepEqual(crd.spec.conversion, { strategy: 'None' });
  assert.equal(storageVersion(crd).name, 'v1');
  assert.deepEqual(crdErrors(crd), []);
});

test('a schema built by the constructors has no undefined keys and reads as the API server expects', () => {
  const spec = schema.properties!['spec']!;
  assert.deepEqual(spec, {
    type: 'object',
    required: ['url'],
    properties: {
      url: { type: 'string', pattern: '^https?://' },
      tags: { type: 'array', items: { type: 'string' } },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      n: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
    },
  });
});

test('two storage versions, a bad printer column and a non-structural field are each reported', () => {
  const crd = widget([
    { name: 'v1', storage: true },
    { name: 'v2', storage: true },
  ]);
  crd.spec.versions[1]!.additionalPrinterColumns = [{ name: 'Bad', type: 'date', jsonPath: 'status.phase' }];
  crd.spec.versions[1]!.schema = {
    openAPIV3Schema: resourceSchema(object({ loose: { description: 'untyped' } }), undefined),
  };
  assert.deepEqual(crdErrors(crd), [
    'spec.versions: Invalid value: must have exactly one version marked as storage version',
    'spec.versions[1].schema.openAPIV3Schema.properties[spec].properties[loose].type: Required value: must not be empty for specified object fields',
    'spec.versions[1].additionalPrinterColumns[0].jsonPath: Invalid value: "status.phase": must be a simple json path starting with .',
  ]);
});
