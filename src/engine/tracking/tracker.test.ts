import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import {
  TrackingIdError,
  formatTrackingId,
  instanceLabelValue,
  instanceName,
  parseInstanceName,
  parseTrackingId,
} from './argo.ts';
import { argoTracker, fluxTracker } from './tracker.ts';

const dep: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
};
const role: KubeObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'reader' },
};

test('tracking ids format and parse as Argo CD writes them', () => {
  const id = {
    app: 'my-app',
    group: 'apps',
    kind: 'Deployment',
    namespace: 'default',
    name: 'my-deployment',
  };
  assert.equal(formatTrackingId(id), 'my-app:apps/Deployment:default/my-deployment');
  assert.deepEqual(parseTrackingId('my-app:apps/Deployment:default/my-deployment'), id);
  assert.deepEqual(parseTrackingId('app:/ConfigMap:shop/c'), {
    app: 'app',
    group: '',
    kind: 'ConfigMap',
    namespace: 'shop',
    name: 'c',
  });
  for (const bad of ['my-app', 'a:b:c:d', 'a:apps:ns/n', 'a:apps/K:n'])
    assert.throws(() => parseTrackingId(bad), TrackingIdError);
});

test('apps in other namespaces are tracked as namespace_name', () => {
  assert.equal(instanceName({ name: 'shop', namespace: 'argocd' }, 'argocd'), 'shop');
  assert.equal(instanceName({ name: 'shop', namespace: 'team-a' }, 'argocd'), 'team-a_shop');
  assert.deepEqual(parseInstanceName('team-a_shop', 'argocd'), { namespace: 'team-a', name: 'shop' });
  assert.deepEqual(parseInstanceName('shop', 'argocd'), { namespace: 'argocd', name: 'shop' });
});

test('the annotation tracker stamps and recognizes its objects, and not copies of the annotation', () => {
  const t = argoTracker({ defaultNamespace: 'shop' });
  const stamped = t.stamp(dep, 'team-a_shop');
  assert.equal(
    stamped.metadata.annotations?.['argocd.argoproj.io/tracking-id'],
    'team-a_shop:apps/Deployment:shop/web',
  );
  assert.deepEqual(stamped.metadata.labels, { app: 'web' });
  assert.equal(dep.metadata.annotations, undefined, 'input untouched');
  assert.equal(t.ownerOf(stamped), 'team-a_shop');
  // A ReplicaSet that copied its Deployment's annotations is not the app's.
  const copied = { ...stamped, kind: 'ReplicaSet', metadata: { ...stamped.metadata, name: 'web-5d8c' } };
  assert.equal(t.ownerOf(copied), undefined);
  // Cluster-scoped objects carry the destination namespace, which reading ignores.
  const r = t.stamp(role, 'shop');
  assert.equal(
    r.metadata.annotations?.['argocd.argoproj.io/tracking-id'],
    'shop:rbac.authorization.k8s.io/ClusterRole:shop/reader',
  );
  assert.equal(t.ownerOf(r), 'shop');
  assert.equal(
    t.ownerOf({
      ...r,
      metadata: { ...r.metadata, annotations: { 'argocd.argoproj.io/tracking-id': 'nonsense' } },
    }),
    undefined,
  );
});

test('label and annotation+label methods, installation ids', () => {
  const label = argoTracker({ method: 'label' });
  // Cut to 63 characters, then trailing non-alphanumerics dropped.
  assert.equal(instanceLabelValue('a'.repeat(62) + '-x-'), 'a'.repeat(62));
  assert.equal(instanceLabelValue('shop'), 'shop');
  const s = label.stamp(dep, 'shop');
  assert.deepEqual(s.metadata.labels, { app: 'web', 'app.kubernetes.io/instance': 'shop' });
  assert.equal(s.metadata.annotations, undefined);
  assert.equal(label.ownerOf(s), 'shop');
  const both = argoTracker({ method: 'annotation+label', labelKey: 'argocd.argoproj.io/instance' });
  const b = both.stamp(dep, 'shop');
  assert.equal(b.metadata.labels?.['argocd.argoproj.io/instance'], 'shop');
  // The label is informational: a label alone does not make an object ours.
  assert.equal(
    both.ownerOf({
      ...dep,
      metadata: { ...dep.metadata, labels: { 'argocd.argoproj.io/instance': 'shop' } },
    }),
    undefined,
  );
  assert.equal(both.ownerOf(b), 'shop');
  const first = argoTracker({ installationId: 'east' });
  const second = argoTracker({ installationId: 'west' });
  const e = first.stamp(dep, 'shop');
  assert.equal(first.ownerOf(e), 'shop');
  assert.equal(second.ownerOf(e), undefined);
});

test('the Flux tracker uses the kustomize.toolkit.fluxcd.io labels', () => {
  const t = fluxTracker();
  const s = t.stamp(dep, 'flux-system/apps');
  assert.deepEqual(s.metadata.labels, {
    app: 'web',
    'kustomize.toolkit.fluxcd.io/name': 'apps',
    'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
  });
  assert.equal(t.ownerOf(s), 'flux-system/apps');
  assert.equal(t.ownerOf(dep), undefined);
});
