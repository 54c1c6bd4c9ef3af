import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRemoteRef } from './remote.ts';

test("remote bases are recognised in kustomize's URL forms; local paths are not", () => {
  assert.deepEqual(parseRemoteRef('https://github.com/org/repo//deploy/base?ref=v1'), {
    repo: 'https://github.com/org/repo',
    path: 'deploy/base',
    ref: 'v1',
    raw: 'https://github.com/org/repo//deploy/base?ref=v1',
  });
  assert.equal(parseRemoteRef('github.com/org/repo/base?ref=main')?.repo, 'https://github.com/org/repo');
  assert.equal(parseRemoteRef('github.com/org/repo/base?ref=main')?.path, 'base');
  assert.deepEqual(parseRemoteRef('git@github.com:org/repo.git/app?ref=abc'), {
    repo: 'git@github.com:org/repo.git',
    path: 'app',
    ref: 'abc',
    raw: 'git@github.com:org/repo.git/app?ref=abc',
  });
  assert.equal(parseRemoteRef('../base'), undefined);
  assert.equal(parseRemoteRef('overlays/prod'), undefined);
});
