import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors.ts';
import { negotiate } from './negotiate.ts';

const KUBECTL_GET =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const CLIENT_GO_DISCOVERY =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

test('kubectl get gets a v1 Table where tables are served, JSON elsewhere', () => {
  assert.deepEqual(negotiate(KUBECTL_GET, { table: true }), {
    kind: 'table',
    version: 'v1',
    contentType: 'application/json;as=Table;v=v1;g=meta.k8s.io',
  });
  assert.deepEqual(negotiate(KUBECTL_GET, {}), { kind: 'json' });
});

test('aggregated discovery is chosen by Accept: v2 first, v2beta1 for older clients, legacy otherwise', () => {
  assert.equal((negotiate(CLIENT_GO_DISCOVERY, { discovery: true }) as { version: string }).version, 'v2');
  const old = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
  assert.deepEqual(negotiate(old, { discovery: true }), {
    kind: 'discovery',
    version: 'v2beta1',
    contentType: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
  });
  assert.deepEqual(negotiate('application/json', { discovery: true }), { kind: 'json' });
  assert.deepEqual(negotiate(undefined, { discovery: true }), { kind: 'json' });
});

test('protobuf-first clients get JSON; YAML and wildcards are understood', () => {
  assert.deepEqual(negotiate('application/vnd.kubernetes.protobuf,application/json'), { kind: 'json' });
  assert.deepEqual(negotiate('application/yaml'), { kind: 'yaml' });
  assert.deepEqual(negotiate('*/*'), { kind: 'json' });
  assert.deepEqual(negotiate('text/html;q=0.9, application/yaml;q=1'), { kind: 'yaml' });
});

test('nothing acceptable is 406', () => {
  assert.throws(
    () => negotiate('application/vnd.kubernetes.protobuf'),
    (e: unknown) => e instanceof ApiError && e.httpCode === 406,
  );
  assert.throws(
    () => negotiate('text/html'),
    (e: unknown) => e instanceof ApiError && e.httpCode === 406,
  );
});
