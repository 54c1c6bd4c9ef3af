import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES, builtinByKind, builtinByResource, builtinGroupVersions } from './index.ts';

test('every group the issue lists is served', () => {
  assert.deepEqual(
    new Set(builtinGroupVersions()),
    new Set([
      'v1',
      'apps/v1',
      'batch/v1',
      'networking.k8s.io/v1',
      'rbac.authorization.k8s.io/v1',
      'apiextensions.k8s.io/v1',
      'autoscaling/v2',
      'policy/v1',
      'storage.k8s.io/v1',
      'coordination.k8s.io/v1',
      'events.k8s.io/v1',
      'admissionregistration.k8s.io/v1',
      'scheduling.k8s.io/v1',
      'discovery.k8s.io/v1',
    ]),
  );
});

test('plural and kind map both ways within a group version', () => {
  for (const r of BUILTIN_RESOURCES) {
    const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    assert.equal(builtinByKind(apiVersion, r.kind), r, `${apiVersion} ${r.kind}`);
    assert.equal(builtinByResource(r.group, r.version, r.plural), r);
    assert.match(r.plural, /^[a-z]+$/);
    assert.equal(r.singular, r.kind.toLowerCase());
  }
});

test('short names are unique and resolve to the types kubectl users expect', () => {
  const seen = new Map<string, string>();
  for (const r of BUILTIN_RESOURCES) {
    for (const s of r.shortNames) {
      // events.k8s.io Events share `ev` with core Events, as on a real server.
      if (s !== 'ev') assert.equal(seen.get(s), undefined, `short name ${s} is used twice`);
      seen.set(s, r.plural);
    }
  }
  assert.equal(seen.get('deploy'), 'deployments');
  assert.equal(seen.get('po'), 'pods');
  assert.equal(seen.get('crd'), 'customresourcedefinitions');
  assert.equal(seen.get('sts'), 'statefulsets');
});

test('kubectl get all covers the workload types and nothing cluster-scoped', () => {
  const all = BUILTIN_RESOURCES.filter((r) => r.categories.includes('all')).map((r) => r.plural);
  assert.deepEqual(
    new Set(all),
    new Set([
      'pods',
      'replicationcontrollers',
      'services',
      'daemonsets',
      'deployments',
      'replicasets',
      'statefulsets',
      'horizontalpodautoscalers',
      'cronjobs',
      'jobs',
    ]),
  );
  assert.ok(BUILTIN_RESOURCES.filter((r) => r.categories.includes('all')).every((r) => r.namespaced));
});

test('scope is right for the types whose scope matters most', () => {
  const scope = (g: string, p: string) =>
    builtinByResource(g, g === '' ? 'v1' : g === 'autoscaling' ? 'v2' : 'v1', p)?.namespaced;
  assert.equal(scope('', 'namespaces'), false);
  assert.equal(scope('', 'nodes'), false);
  assert.equal(scope('', 'persistentvolumes'), false);
  assert.equal(scope('', 'configmaps'), true);
  assert.equal(scope('rbac.authorization.k8s.io', 'clusterroles'), false);
  assert.equal(scope('rbac.authorization.k8s.io', 'roles'), true);
  assert.equal(scope('apiextensions.k8s.io', 'customresourcedefinitions'), false);
  assert.equal(scope('storage.k8s.io', 'storageclasses'), false);
});

test('scale is served for the replicated workloads', () => {
  const scaled = BUILTIN_RESOURCES.filter((r) => r.subresources.scale).map((r) => r.plural);
  assert.deepEqual(scaled.sort(), ['deployments', 'replicasets', 'replicationcontrollers', 'statefulsets']);
});
