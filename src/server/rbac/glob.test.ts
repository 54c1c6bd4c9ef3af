import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob, globMatch, regexMatch } from './glob.ts';

// [value, pattern, matches]: gobwas/glob without separators, as Argo CD compiles RBAC globs.
const GLOB: [string, string, boolean][] = [
  ['default/web', '*', true],
  ['default/web', 'default/*', true],
  ['default/team/web', 'default/*', true], // `/` is no separator
  ['other/web', 'default/*', false],
  ['action/extensions/DaemonSet/test', 'action/extensions/*', true],
  ['delete/apps/kind/ns/name', 'delete/*/kind/*', true],
  ['delete/apps/Deployment/kind/name', 'delete/*/kind/*', true], // the documented surprise
  ['update/apps/Deployment/web/web', 'update/*', true],
  ['update', 'update/*', false],
  ['get', 'g?t', true],
  ['gat', 'g[ae]t', true],
  ['got', 'g[!ae]t', true],
  ['get', 'g[!ae]t', false],
  ['prod-1', 'prod-[0-9]', true],
  ['prod-x', 'prod-[0-9]', false],
  ['sync', '{get,sync}', true],
  ['delete', '{get,sync}', false],
  ['team-a/web', '{team-a,team-b}/*', true],
  ['a*b', 'a\\*b', true],
  ['axb', 'a\\*b', false],
  ['web.v2', 'web.v2', true],
  ['webxv2', 'web.v2', false], // `.` is literal
  ['https://github.com/argoproj/argo-cd.git', 'https://github.com/argoproj/*', true],
  ['https://github.com/argo-cd.git', 'https://github.com/argoproj/*', false],
  ['anything', '[unclosed', false],
  ['anything', '{unclosed', false],
  ['', '*', true],
  ['Get', 'get', false], // case-sensitive
];

for (const [value, pattern, want] of GLOB) {
  test(`glob ${JSON.stringify(pattern)} ${want ? 'matches' : 'does not match'} ${JSON.stringify(value)}`, () => {
    assert.equal(globMatch(value, pattern), want);
  });
}

test('patterns that do not compile give null', () => {
  assert.equal(compileGlob('a\\'), null);
  assert.equal(compileGlob('[]'), null);
  assert.ok(compileGlob('a}b'));
});

test('regex mode is unanchored, as casbin regexMatch', () => {
  assert.equal(regexMatch('default/web', 'web'), true);
  assert.equal(regexMatch('default/web', '^web$'), false);
  assert.equal(regexMatch('default/web', '^default/.*$'), true);
  assert.equal(regexMatch('x', '('), false);
});
