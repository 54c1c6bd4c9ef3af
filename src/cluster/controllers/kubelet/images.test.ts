import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageFault, imageId, pullPolicy, qualifiedImage } from './images.ts';

test('failure modes come from ordinary image references', () => {
  assert.equal(imageFault('registry.invalid/team/app:1.0'), 'pull');
  assert.equal(imageFault('my.registry.invalid:5000/app'), 'pull');
  assert.equal(imageFault('busybox:crashloop'), 'crashloop');
  assert.equal(imageFault('ghcr.io/acme/worker:fail'), 'fail');
  assert.equal(imageFault('nginx:1.27'), undefined);
  assert.equal(imageFault('invalid/app:1'), undefined, 'a Docker Hub user named invalid is fine');
});

test('images are reported fully qualified with a stable digest', () => {
  assert.equal(qualifiedImage('nginx'), 'docker.io/library/nginx:latest');
  assert.equal(qualifiedImage('bitnami/redis:7'), 'docker.io/bitnami/redis:7');
  assert.equal(qualifiedImage('localhost:5000/app:2'), 'localhost:5000/app:2');
  assert.match(imageId('nginx:1.27'), /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.equal(imageId('nginx:1.27'), imageId('nginx:1.27'));
  assert.equal(imageId('nginx@sha256:abc'), 'docker.io/library/nginx@sha256:abc');
});

test('imagePullPolicy defaults like the API server', () => {
  assert.equal(pullPolicy({ image: 'nginx' }), 'Always');
  assert.equal(pullPolicy({ image: 'nginx:latest' }), 'Always');
  assert.equal(pullPolicy({ image: 'nginx:1.27' }), 'IfNotPresent');
  assert.equal(pullPolicy({ image: 'nginx:1.27', imagePullPolicy: 'Never' }), 'Never');
});
