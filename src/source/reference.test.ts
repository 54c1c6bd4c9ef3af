import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode } from '../core/index.ts';
import { parseLsRemote } from './git/remote.ts';
import { planResolve, validateRef, type GitRef } from './reference.ts';
import { fluxRevision, parseRevision } from './revision.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const T = 'd'.repeat(40);
const remote = parseLsRemote(
  [
    'ref: refs/heads/main\tHEAD',
    `${A}\tHEAD`,
    `${A}\trefs/heads/main`,
    `${B}\trefs/heads/v1.0.0`,
    `${C}\trefs/pull/1/head`,
    `${T}\trefs/tags/v1.0.0`,
    `${B}\trefs/tags/v1.0.0^{}`,
    `${C}\trefs/tags/v1.1.0`,
    `${A}\trefs/tags/v2.0.0-rc.1`,
  ].join('\n'),
);
const plan = (ref: GitRef) => planResolve('repo', remote, ref);

test('Flux precedence: commit > name > semver > tag > branch, default branch master', () => {
  assert.equal(plan({ api: 'flux', commit: C, name: 'refs/heads/main', tag: 'v1.0.0' }).commit, C);
  assert.equal(plan({ api: 'flux', name: 'refs/pull/1/head', semver: '*' }).fluxName, 'refs/pull/1/head');
  assert.equal(plan({ api: 'flux', semver: '1.x', tag: 'v1.0.0' }).fluxName, 'v1.1.0');
  assert.equal(plan({ api: 'flux', tag: 'v1.0.0', branch: 'main' }).commit, B, 'annotated tags are peeled');
  assert.equal(plan({ api: 'flux', branch: 'main' }).fetchRef, 'refs/heads/main');
  assert.throws(() => plan({ api: 'flux' }), /branch "master" not found/);
  const withBranch = plan({ api: 'flux', commit: C, branch: 'main' });
  assert.deepEqual(
    [withBranch.fetchRef, withBranch.shallow, withBranch.fluxName],
    ['refs/heads/main', false, 'main'],
  );
});

test('Argo targetRevision: branches before tags of the same name, HEAD, constraints, SHAs', () => {
  assert.equal(plan({ api: 'argo', targetRevision: 'v1.0.0' }).fetchRef, 'refs/heads/v1.0.0');
  assert.equal(plan({ api: 'argo' }).fetchRef, 'refs/heads/main');
  assert.equal(plan({ api: 'argo', targetRevision: '~1.0' }).fetchRef, 'refs/heads/v1.0.0');
  assert.equal(plan({ api: 'argo', targetRevision: '>1.0.0' }).fetchRef, 'refs/tags/v1.1.0');
  assert.equal(plan({ api: 'argo', targetRevision: A.toUpperCase() }).commit, A);
  assert.equal(plan({ api: 'argo', targetRevision: 'abcdef1' }).abbreviated, 'abcdef1');
  assert.equal(plan({ api: 'argo', targetRevision: '1.x', tagPrefix: 'v' }).fetchRef, 'refs/tags/v1.1.0');
  assert.throws(
    () => plan({ api: 'argo', targetRevision: 'main', tagPrefix: 'v' }),
    (e: Error) => errorCode(e) === 'SOURCE_INVALID_REFERENCE',
  );
  assert.throws(
    () => plan({ api: 'argo', targetRevision: 'nope' }),
    (e: Error) => errorCode(e) === 'SOURCE_REFERENCE_NOT_FOUND',
  );
  assert.throws(
    () => planResolve('repo', parseLsRemote(''), { api: 'argo' }),
    (e: Error) => errorCode(e) === 'SOURCE_EMPTY_REPOSITORY',
  );
});

test('references are validated before any network call', () => {
  for (const ref of [
    { api: 'flux', branch: 'a b' },
    { api: 'flux', branch: '-x' },
    { api: 'flux', tag: 'a..b' },
    { api: 'flux', name: 'heads/main' },
    { api: 'flux', commit: 'xyz' },
    { api: 'flux', semver: '>= nope' },
    { api: 'argo', targetRevision: 'bad:ref' },
  ] as GitRef[]) {
    assert.throws(
      () => validateRef('repo', ref),
      (e: Error) => errorCode(e) === 'SOURCE_INVALID_REFERENCE',
      JSON.stringify(ref),
    );
  }
  validateRef('repo', { api: 'argo', targetRevision: '>=1.0.0 <2.0.0' });
  validateRef('repo', { api: 'flux', name: 'refs/merge-requests/1/head' });
});

test('revisions in every form Flux and Argo CD write', () => {
  assert.equal(fluxRevision('main', A), `main@sha1:${A}`);
  assert.equal(fluxRevision(undefined, A), `sha1:${A}`);
  assert.deepEqual(parseRevision(`refs/heads/main@sha1:${A}`), { name: 'refs/heads/main', commit: A });
  assert.deepEqual(parseRevision(`sha1:${A}`), { name: undefined, commit: A });
  assert.deepEqual(parseRevision(`main/${A}`), { name: 'main', commit: A });
  assert.deepEqual(parseRevision(A), { name: undefined, commit: A });
  assert.equal(parseRevision('main'), undefined);
});
