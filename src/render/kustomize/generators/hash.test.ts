import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeHash, resourceHash } from './hash.ts';

// Suffixes recorded from `kubectl kustomize` for the same generated objects.
test('ConfigMap and Secret name hashes match kustomize', () => {
  assert.equal(
    resourceHash({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'testing' }, data: { a: 'b' } }),
    '4h2mbtbbt6',
  );
  assert.equal(
    resourceHash({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      type: 'kubernetes.io/basic-auth',
      data: { password: Buffer.from('hunter2').toString('base64') },
    }),
    'mgkt47mt2t',
  );
});

test('the hash never looks like a number: 0 1 3 a e are replaced', () => {
  assert.equal(encodeHash('0123456789abcdef'), 'gh2k456789');
  assert.equal(encodeHash('aaeeaaeeaaee'), 'mmttmmttmm');
});
