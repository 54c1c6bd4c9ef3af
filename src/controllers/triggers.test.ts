import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, OwnerReference } from '../core/index.ts';
import {
  RequestIndex,
  annotationChanged,
  anyOf,
  generationChanged,
  mapByIndex,
  mapToOwner,
  mapToSelf,
  type TriggerEvent,
} from './triggers.ts';

function pod(owners: OwnerReference[], namespace = 'shop'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name: 'web-1', ownerReferences: owners } };
}
const modified = (object: KubeObject, old?: KubeObject): TriggerEvent => ({ type: 'MODIFIED', object, old });

test('mapToSelf names the object itself; cluster-scoped objects get an empty namespace', () => {
  assert.deepEqual([...mapToSelf(modified(pod([])))], [{ namespace: 'shop', name: 'web-1' }]);
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
  assert.deepEqual([...mapToSelf(modified(ns))], [{ namespace: '', name: 'shop' }]);
});

test('mapToOwner follows matching owner references by group and kind', () => {
  const owners: OwnerReference[] = [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: '1', controller: true },
    { apiVersion: 'example.com/v1', kind: 'ReplicaSet', name: 'other', uid: '2', controller: true },
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'adopted', uid: '3' },
  ];
  assert.deepEqual(
    [...mapToOwner({ group: 'apps', kind: 'ReplicaSet' })(modified(pod(owners)))],
    [{ namespace: 'shop', name: 'web-abc' }],
  );
  assert.deepEqual(
    [...mapToOwner({ kind: 'ReplicaSet', controllerOnly: false })(modified(pod(owners)))].map((r) => r.name),
    ['web-abc', 'other', 'adopted'],
  );
  assert.deepEqual(
    [...mapToOwner({ group: 'apps', kind: 'ReplicaSet', clusterScoped: true })(modified(pod(owners)))],
    [{ namespace: '', name: 'web-abc' }],
  );
  assert.deepEqual([...mapToOwner({ kind: 'Deployment' })(modified(pod(owners)))], []);
});

test('RequestIndex maps a changed object back to the requests that refer to it', () => {
  const index = new RequestIndex();
  const apps = { namespace: 'flux-system', name: 'apps' };
  const infra = { namespace: 'flux-system', name: 'infra' };
  index.set(apps, ['GitRepository/flux-system/podinfo']);
  index.set(infra, ['GitRepository/flux-system/podinfo', 'GitRepository/flux-system/infra']);
  const map = mapByIndex(index, (o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);
  const repo = (name: string): KubeObject => ({
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { namespace: 'flux-system', name },
  });
  assert.deepEqual([...map(modified(repo('podinfo')))], [apps, infra]);
  index.set(apps, ['GitRepository/flux-system/infra']);
  assert.deepEqual([...map(modified(repo('podinfo')))], [infra], 'set replaces what a request refers to');
  index.delete(infra);
  assert.deepEqual([...map(modified(repo('podinfo')))], []);
  assert.deepEqual([...map(modified(repo('infra')))], [apps]);
});

test('generationChanged passes creations, deletions and spec changes only', () => {
  const at = (generation: number): KubeObject => ({
    apiVersion: 'v1',
    kind: 'X',
    metadata: { name: 'x', generation },
  });
  assert.equal(generationChanged({ type: 'ADDED', object: at(1) }), true);
  assert.equal(generationChanged({ type: 'DELETED', object: at(1) }), true);
  assert.equal(generationChanged(modified(at(2), at(1))), true);
  assert.equal(generationChanged(modified(at(1), at(1))), false);
  assert.equal(generationChanged(modified(at(1))), true, 'without the old object it cannot tell');
});

test('annotationChanged and anyOf combine like controller-runtime predicates', () => {
  const with_ = (v?: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'X',
    metadata: {
      name: 'x',
      generation: 1,
      ...(v ? { annotations: { 'argocd.argoproj.io/refresh': v } } : {}),
    },
  });
  const refresh = annotationChanged('argocd.argoproj.io/refresh');
  assert.equal(refresh(modified(with_('hard'), with_())), true);
  assert.equal(refresh(modified(with_('hard'), with_('hard'))), false);
  assert.equal(refresh(modified(with_(), with_('hard'))), false, 'removing the annotation is not a request');
  const either = anyOf(generationChanged, refresh);
  assert.equal(either(modified(with_('normal'), with_())), true);
  assert.equal(either(modified(with_(), with_())), false);
});
