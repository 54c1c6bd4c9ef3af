import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatApiVersion, formatRef, parseApiVersion } from './refs.ts';

test('formatRef prints namespaced and cluster-scoped references', () => {
  assert.equal(formatRef({ kind: 'Deployment', namespace: 'prod', name: 'web' }), 'Deployment/prod/web');
  assert.equal(formatRef({ kind: 'Namespace', name: 'prod' }), 'Namespace/prod');
  assert.equal(
    formatRef({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd' } }),
    'ConfigMap/d/c',
  );
});

test('apiVersion splits into group and version and back', () => {
  assert.deepEqual(parseApiVersion('apps/v1'), { group: 'apps', version: 'v1' });
  assert.deepEqual(parseApiVersion('v1'), { group: '', version: 'v1' });
  assert.equal(formatApiVersion('', 'v1'), 'v1');
  assert.equal(formatApiVersion('argoproj.io', 'v1alpha1'), 'argoproj.io/v1alpha1');
});
