import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitImage } from './images.ts';

test('image references split into name, tag and digest as kustomize splits them', () => {
  assert.deepEqual(splitImage('nginx'), { name: 'nginx', tag: '', digest: '' });
  assert.deepEqual(splitImage('nginx:1.25'), { name: 'nginx', tag: '1.25', digest: '' });
  assert.deepEqual(splitImage('registry:5000/team/app:v1'), {
    name: 'registry:5000/team/app',
    tag: 'v1',
    digest: '',
  });
  assert.deepEqual(splitImage('app@sha256:abc'), { name: 'app', tag: '', digest: 'sha256:abc' });
  assert.deepEqual(splitImage('app:v1@sha256:abc'), { name: 'app', tag: 'v1', digest: 'sha256:abc' });
});
