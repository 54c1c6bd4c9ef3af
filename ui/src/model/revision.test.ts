import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commitOf, shortRevision } from './revision.ts';

const sha = '5b1c0e3f2a9d4e6b8c7a1f0e9d8c7b6a5f4e3d2c';

test('revisions shorten the way git users read them', () => {
  assert.equal(shortRevision(sha), '5b1c0e3');
  assert.equal(shortRevision(`main@sha1:${sha}`), 'main@5b1c0e3');
  assert.equal(shortRevision(`sha1:${sha}`), '5b1c0e3');
  assert.equal(shortRevision('v1.2.3'), 'v1.2.3');
  assert.equal(shortRevision(undefined), '');
});

test('the commit is found inside Argo and Flux revisions', () => {
  assert.equal(commitOf(sha), sha);
  assert.equal(commitOf(`refs/heads/main@sha1:${sha}`), sha);
  assert.equal(commitOf('v1.2.3'), undefined);
});
