import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaForCustomResource } from './lookup.ts';
import { openApiNode, type JsonSchemaProps } from './openapi.ts';

const widgetSchema: JsonSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer' },
        port: { 'x-kubernetes-int-or-string': true },
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        servers: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name', 'protocol'],
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, protocol: { type: 'string', default: 'TCP' } },
          },
        },
        plain: { type: 'array', items: { type: 'string' } },
        selector: {
          type: 'object',
          'x-kubernetes-map-type': 'atomic',
          properties: { app: { type: 'string' } },
        },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        frozen: {
          type: 'object',
          additionalProperties: { type: 'string' },
          'x-kubernetes-map-type': 'atomic',
        },
        config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        open: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { known: { type: 'string' } },
        },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object' } },
        },
        since: { type: 'string', format: 'date-time' },
      },
    },
  },
};
const crd = { spec: { versions: [{ name: 'v1', schema: { openAPIV3Schema: widgetSchema } }] } };
const root = schemaForCustomResource(crd, 'v1');
const spec = root.field('spec')!;

test('a CR root always knows apiVersion, kind and metadata (as ObjectMeta)', () => {
  assert.deepEqual(root.knownFields, ['apiVersion', 'kind', 'metadata', 'spec']);
  assert.equal(root.field('metadata')?.model, 'V1ObjectMeta');
  assert.equal(root.field('metadata')?.field('finalizers')?.listType, 'set');
  assert.equal(root.field('kind')?.scalarType, 'string');
  assert.equal(root.field('status'), undefined);
});

test('list types, keys and key defaults come from the x-kubernetes extensions', () => {
  assert.equal(spec.field('tags')?.listType, 'set');
  assert.equal(spec.field('plain')?.listType, 'atomic');
  const servers = spec.field('servers')!;
  assert.equal(servers.listType, 'map');
  assert.deepEqual(servers.listMapKeys, ['name', 'protocol']);
  assert.equal(servers.listMapKeyDefault('protocol'), 'TCP');
  assert.equal(servers.elements().kind, 'struct');
  // CRDs never carry SMP metadata.
  assert.equal(servers.patchStrategy, undefined);
});

test('map types, atomic structs and maps', () => {
  assert.equal(spec.field('selector')?.mapType, 'atomic');
  assert.equal(spec.field('selector')?.kind, 'struct');
  assert.equal(spec.field('labels')?.kind, 'map');
  assert.equal(spec.field('labels')?.mapType, 'granular');
  assert.equal(spec.field('frozen')?.mapType, 'atomic');
});

test('preserved unknown fields are untyped; undeclared fields are unknown otherwise', () => {
  assert.equal(spec.field('config')?.kind, 'any');
  assert.equal(spec.field('config')?.field('whatever')?.kind, 'any');
  const open = spec.field('open')!;
  assert.equal(open.kind, 'struct');
  assert.equal(open.field('known')?.scalarType, 'string');
  assert.equal(open.field('extra')?.kind, 'any');
  assert.equal(spec.field('nope'), undefined);
});

test('int-or-string, date-time and embedded resources', () => {
  assert.equal(spec.field('port')?.kind, 'intOrString');
  assert.equal(spec.field('since')?.scalarType, 'time');
  const template = spec.field('template')!;
  assert.equal(template.embeddedResource, true);
  assert.equal(template.field('metadata')?.model, 'V1ObjectMeta');
  assert.ok(template.knownFields.includes('kind'));
});

test('a version without a schema preserves everything; results are cached per CRD object', () => {
  const bare = schemaForCustomResource({ spec: { versions: [{ name: 'v1' }] } }, 'v1');
  assert.equal(bare.field('spec')?.kind, 'any');
  assert.equal(schemaForCustomResource(crd, 'v1'), root);
});

test('SMP extensions in an OpenAPI schema drive merge keys and imply SSA list types', () => {
  const node = openApiNode({
    type: 'object',
    properties: {
      items: {
        type: 'array',
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
        items: { type: 'object', properties: { name: { type: 'string' } } },
      },
    },
  });
  const items = node.field('items')!;
  assert.equal(items.patchStrategy, 'merge');
  assert.equal(items.patchMergeKey, 'name');
  assert.equal(items.listType, 'map');
  assert.deepEqual(items.listMapKeys, ['name']);
});
