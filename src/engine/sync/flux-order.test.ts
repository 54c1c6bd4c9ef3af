import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRef, type KubeObject } from '../../core/index.ts';
import { fluxApplyStages, fluxDeleteOrder } from './flux-order.ts';

const o = (apiVersion: string, kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: namespace ? { name, namespace } : { name },
});

const objects = [
  o('apps/v1', 'Deployment', 'web', 'shop'),
  o('example.com/v1', 'Widget', 'w', 'shop'),
  o('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'guard'),
  o('v1', 'Service', 'web', 'shop'),
  o('v1', 'Namespace', 'shop'),
  o('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com'),
  o('rbac.authorization.k8s.io/v1', 'ClusterRole', 'reader'),
  o('rbac.authorization.k8s.io/v1', 'Role', 'editor', 'shop'),
  o('storage.k8s.io/v1', 'StorageClass', 'fast'),
  o('networking.k8s.io/v1', 'IngressClass', 'nginx'),
  o('v1', 'ConfigMap', 'b', 'shop'),
  o('v1', 'ConfigMap', 'a', 'shop'),
  o('v1', 'ConfigMap', 'a', 'api'),
];

test('Flux stages: definitions, classes, custom kinds, the rest; sorted within each', () => {
  const s = fluxApplyStages(objects, ['rbac.authorization.k8s.io/Role']);
  const names = (l: KubeObject[]) => l.map((x) => formatRef(x));
  assert.deepEqual(names(s.definitions), [
    'CustomResourceDefinition/widgets.example.com',
    'Namespace/shop',
    'ClusterRole/reader',
  ]);
  assert.deepEqual(names(s.classes), ['StorageClass/fast', 'IngressClass/nginx']);
  assert.deepEqual(names(s.custom), ['Role/shop/editor']);
  assert.deepEqual(names(s.resources), [
    'ConfigMap/api/a',
    'ConfigMap/shop/a',
    'ConfigMap/shop/b',
    'Service/shop/web',
    'Deployment/shop/web',
    'Widget/shop/w',
    'ValidatingWebhookConfiguration/guard',
  ]);
});

test('Flux deletes in reverse apply order', () => {
  const order = fluxDeleteOrder([
    o('v1', 'Namespace', 'shop'),
    o('apps/v1', 'Deployment', 'web', 'shop'),
    o('v1', 'ConfigMap', 'c', 'shop'),
  ]).map((x) => x.kind);
  assert.deepEqual(order, ['Deployment', 'ConfigMap', 'Namespace']);
});
