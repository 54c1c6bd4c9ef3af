import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gitRefText } from './git-ref.ts';

test('a GitRepository ref reads in Flux precedence, the default branch when absent', () => {
  assert.equal(gitRefText(undefined), 'branch master');
  assert.equal(gitRefText({ branch: 'main' }), 'branch main');
  assert.equal(gitRefText({ branch: 'main', tag: 'v1.2.0' }), 'tag v1.2.0');
  assert.equal(gitRefText({ tag: 'v1', semver: '>=1.0.0' }), 'semver >=1.0.0');
  assert.equal(gitRefText({ name: 'refs/heads/dev', commit: '5b1c0e3f2a9d' }), 'commit 5b1c0e3');
});
