import { test } from 'node:test';
import assert from 'node:assert/strict';
import { structuralSchemaErrors } from './structural.ts';
import type { JsonSchemaProps } from './openapi.ts';

const root = (spec: JsonSchemaProps): JsonSchemaProps => ({
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec,
  },
});

test('a typed schema with preserved, int-or-string and map fields is structural', () => {
  const schema = root({
    type: 'object',
    required: ['url'],
    properties: {
      url: { type: 'string', pattern: '^(http|https|ssh)://.*$' },
      values: { 'x-kubernetes-preserve-unknown-fields': true },
      valuesObject: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      count: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      selector: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { a: { type: 'string' } } },
      ports: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      },
      either: {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'string' } },
        oneOf: [{ required: ['a'] }, { required: ['b'] }],
      },
    },
  });
  assert.deepEqual(structuralSchemaErrors(schema), []);
});

test('untyped fields, arrays without items and structure inside anyOf are refused with the server wording', () => {
  const schema = root({
    type: 'object',
    properties: {
      untyped: { description: 'no type' },
      list: { type: 'array' },
      both: {
        type: 'object',
        properties: { a: { type: 'string' } },
        additionalProperties: { type: 'string' },
      },
      choice: { type: 'object', anyOf: [{ type: 'object', properties: { ghost: { type: 'string' } } }] },
      off: { type: 'object', 'x-kubernetes-preserve-unknown-fields': false },
      bad: { type: 'string', pattern: '([a-z' },
    },
  });
  const errors = structuralSchemaErrors(schema);
  const at = 'openAPIV3Schema.properties[spec].properties';
  const [pattern, ...rest] = errors.sort();
  assert.match(
    pattern ?? '',
    /\[bad\]\.pattern: Invalid value: "\(\[a-z": must be a valid regular expression/,
  );
  assert.deepEqual(rest, [
    `${at}[both].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`,
    `${at}[choice].anyOf[0].properties[ghost].type: Forbidden: must be empty to be structural`,
    `${at}[choice].anyOf[0].type: Forbidden: must be empty to be structural`,
    `${at}[choice].properties[ghost]: Required value: because it is defined in ${at}[choice].anyOf[0].properties[ghost]`,
    `${at}[list].items: Required value: must be specified`,
    `${at}[off].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined`,
    `${at}[untyped].type: Required value: must not be empty for specified object fields`,
  ]);
});

test('the root must be an object whose metadata is left to the server', () => {
  assert.deepEqual(structuralSchemaErrors({ type: 'string' }), [
    'openAPIV3Schema.type: Invalid value: "string": must be object at the root',
  ]);
  const withLabels = root({ type: 'object' });
  withLabels.properties!['metadata'] = { type: 'object', properties: { labels: { type: 'object' } } };
  assert.deepEqual(structuralSchemaErrors(withLabels), [
    'openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
  ]);
});

test('list-type map needs required keys; map-type only on objects', () => {
  const schema = root({
    type: 'object',
    properties: {
      list: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: { type: 'object', properties: { name: { type: 'string' } } },
      },
      text: { type: 'string', 'x-kubernetes-map-type': 'atomic' },
    },
  });
  assert.deepEqual(structuralSchemaErrors(schema).sort(), [
    'openAPIV3Schema.properties[spec].properties[list].items.properties[name]: Required value: all map keys must be required or have a default value',
    'openAPIV3Schema.properties[spec].properties[text].x-kubernetes-map-type: Invalid value: must only be used if type is object',
  ]);
});
