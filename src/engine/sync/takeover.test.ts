import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, ManagedFieldsEntry } from '../../core/index.ts';
import { decodeManagedFields } from '../../kube/index.ts';
import { fluxTakeoverManagers, takeoverPatch } from './takeover.ts';

const entry = (manager: string, operation: 'Apply' | 'Update', fieldsV1: object, subresource?: string) =>
  ({
    manager,
    operation,
    apiVersion: 'v1',
    time: '2026-01-01T00:00:00Z',
    fieldsType: 'FieldsV1',
    fieldsV1,
    ...(subresource && { subresource }),
  }) as ManagedFieldsEntry;

function configMap(
  managedFields: ManagedFieldsEntry[],
  annotations: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'shop', annotations, managedFields },
    data: { a: '1', b: '2' },
  };
}

const managers = fluxTakeoverManagers('kustomize-controller');

test('kubectl managers hand their fields to the controller’s Apply entry; others keep theirs', () => {
  const live = configMap(
    [
      entry('kustomize-controller', 'Apply', { 'f:data': { 'f:a': {} } }),
      entry('kubectl-edit', 'Update', { 'f:data': { 'f:b': {} } }),
      entry('kubectl-client-side-apply', 'Update', { 'f:metadata': { 'f:annotations': { 'f:note': {} } } }),
      entry('some-operator', 'Update', { 'f:data': { 'f:c': {} } }),
      entry('kubectl-scale', 'Update', { 'f:spec': {} }, 'scale'),
    ],
    { 'kubectl.kubernetes.io/last-applied-configuration': '{}', note: 'x' },
  );
  const ops = takeoverPatch(live, 'kustomize-controller', managers);
  assert.deepEqual(ops[0], {
    op: 'remove',
    path: '/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration',
  });
  const replace = ops[1] as { op: 'replace'; path: string; value: unknown };
  assert.equal(replace.path, '/metadata/managedFields');
  const after = decodeManagedFields(replace.value as ManagedFieldsEntry[]);
  const byManager = new Map(
    [...after.values()].map((e) => [`${e.manager}/${e.operation}/${e.subresource}`, e]),
  );
  assert.deepEqual([...byManager.keys()].sort(), [
    'kubectl-scale/Update/scale',
    'kustomize-controller/Apply/',
    'some-operator/Update/',
  ]);
  const ours = byManager.get('kustomize-controller/Apply/')!;
  assert.ok(ours.set.has(['f:data', 'f:a']) && ours.set.has(['f:data', 'f:b']));
  assert.ok(ours.set.has(['f:metadata', 'f:annotations', 'f:note']));
});

test('nothing to take, or ssa: Merge, is an empty patch', () => {
  assert.deepEqual(
    takeoverPatch(
      configMap([entry('kustomize-controller', 'Apply', { 'f:data': {} })]),
      'kustomize-controller',
      managers,
    ),
    [],
  );
  const merged = configMap([entry('kubectl-edit', 'Update', { 'f:data': {} })], {
    'kustomize.toolkit.fluxcd.io/ssa': 'Merge',
  });
  assert.deepEqual(takeoverPatch(merged, 'kustomize-controller', managers), []);
});
