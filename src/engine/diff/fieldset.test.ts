import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { managedFieldSet, parseFieldsV1 } from './fieldset.ts';
import { resolveFieldPath } from './resolve.ts';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    managedFields: [
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      },
      {
        manager: 'argocd-controller',
        operation: 'Apply',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:template': {
              'f:spec': {
                'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
                'f:finalizers': { 'v:"a"': {} },
                'f:tolerations': { 'i:1': { 'f:key': {} } },
              },
            },
          },
        },
      },
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        subresource: 'status',
        fieldsV1: { 'f:status': {} },
      },
    ],
  },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [{ name: 'sidecar' }, { name: 'web', image: 'web:2' }],
        finalizers: ['b', 'a'],
        tolerations: [{ key: 'x' }, { key: 'y' }],
      },
    },
  },
};

test('FieldsV1 parses f:, k:, v:, i: and . into owned paths', () => {
  const set = parseFieldsV1(deployment.metadata.managedFields?.[1]?.fieldsV1);
  assert.deepEqual(set, [
    [{ field: 'metadata' }, { field: 'labels' }],
    [{ field: 'metadata' }, { field: 'labels' }, { field: 'app' }],
    [
      { field: 'spec' },
      { field: 'template' },
      { field: 'spec' },
      { field: 'containers' },
      { key: { name: 'web' } },
    ],
    [
      { field: 'spec' },
      { field: 'template' },
      { field: 'spec' },
      { field: 'containers' },
      { key: { name: 'web' } },
      { field: 'image' },
    ],
    [
      { field: 'spec' },
      { field: 'template' },
      { field: 'spec' },
      { field: 'containers' },
      { key: { name: 'web' } },
      { field: 'name' },
    ],
    [{ field: 'spec' }, { field: 'template' }, { field: 'spec' }, { field: 'finalizers' }, { value: 'a' }],
    [
      { field: 'spec' },
      { field: 'template' },
      { field: 'spec' },
      { field: 'tolerations' },
      { index: 1 },
      { field: 'key' },
    ],
  ]);
  assert.throws(() => parseFieldsV1({ 'x:bad': {} }), /unknown fieldsV1 key/);
});

test('owned paths resolve to concrete positions: list items by key, value or index', () => {
  const paths = managedFieldSet(deployment, ['argocd-controller']).map((fp) =>
    resolveFieldPath(deployment, fp),
  );
  assert.deepEqual(paths.slice(3), [
    ['spec', 'template', 'spec', 'containers', 1, 'image'],
    ['spec', 'template', 'spec', 'containers', 1, 'name'],
    ['spec', 'template', 'spec', 'finalizers', 1],
    ['spec', 'template', 'spec', 'tolerations', 1, 'key'],
  ]);
  // Status subresource entries and other managers are not included.
  assert.deepEqual(managedFieldSet(deployment, ['kube-controller-manager']), [
    [{ field: 'spec' }, { field: 'replicas' }],
  ]);
});
