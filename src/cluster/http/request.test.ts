import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResourcePath, splitUrl } from './request.ts';

const parse = (url: string) => parseResourcePath(splitUrl(url).segments);

test('resource URLs split into group, version, namespace, resource, name, subresource', () => {
  assert.deepEqual(parse('/api/v1/namespaces/default/pods/web/status'), {
    group: '',
    version: 'v1',
    namespace: 'default',
    resource: 'pods',
    name: 'web',
    subresource: 'status',
    watchPath: false,
  });
  assert.deepEqual(parse('/apis/apps/v1/deployments'), {
    group: 'apps',
    version: 'v1',
    namespace: undefined,
    resource: 'deployments',
    name: undefined,
    subresource: undefined,
    watchPath: false,
  });
  assert.equal(parse('/apis/apps/v1/namespaces/ns/deployments/web/scale')?.subresource, 'scale');
});

test('namespaces are objects too: their status and finalize are subresources, not collections', () => {
  assert.deepEqual(parse('/api/v1/namespaces/prod'), {
    group: '',
    version: 'v1',
    namespace: undefined,
    resource: 'namespaces',
    name: 'prod',
    subresource: undefined,
    watchPath: false,
  });
  const fin = parse('/api/v1/namespaces/prod/finalize');
  assert.equal(fin?.resource, 'namespaces');
  assert.equal(fin?.subresource, 'finalize');
  assert.equal(parse('/api/v1/namespaces/prod/configmaps')?.namespace, 'prod');
});

test('legacy /watch/ paths, group documents and foreign paths', () => {
  assert.equal(parse('/api/v1/watch/namespaces/a/pods')?.watchPath, true);
  assert.equal(parse('/apis/apps/v1')?.resource, '');
  assert.equal(parse('/healthz'), undefined);
  assert.equal(parse('/api/v1/namespaces/a/pods/b/c/d'), undefined);
});

test('query strings and escaped path segments', () => {
  const { segments, query } = splitUrl('/api/v1/namespaces/a/configmaps/x%3Ay?watch=1&labelSelector=a%3Db');
  assert.deepEqual(segments.slice(-1), ['x:y']);
  assert.equal(query.get('labelSelector'), 'a=b');
});
