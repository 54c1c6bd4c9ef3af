import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode } from '../core/index.ts';
import { normalizeGitUrl, parseGitUrl, sameRepository } from './url.ts';

test('every supported form parses and normalizes to one key per repository', () => {
  const cases: [string, string][] = [
    ['https://GitHub.com/Org/Repo.git', 'https://github.com/Org/Repo'],
    ['https://github.com:443/Org/Repo/', 'https://github.com/Org/Repo'],
    ['https://bob:s3cret@git.example.com:8443/a/b.git', 'https://git.example.com:8443/a/b'],
    ['http://127.0.0.1:8080/r', 'http://127.0.0.1:8080/r'],
    ['ssh://git@GitHub.com:22/org/repo.git', 'ssh://git@github.com/org/repo'],
    ['git@github.com:org/repo.git', 'ssh://git@github.com/org/repo'],
    ['ssh://git@[::1]:2222/srv/repo', 'ssh://git@[::1]:2222/srv/repo'],
    ['git://example.com:9418/repo.git', 'git://example.com/repo'],
    ['file:///tmp/repos/app.git', 'file:///tmp/repos/app'],
  ];
  for (const [url, key] of cases) assert.equal(normalizeGitUrl(url), key, url);
  assert.ok(sameRepository('git@github.com:org/repo', 'ssh://git@github.com/org/repo.git'));
  assert.ok(!sameRepository('https://github.com/org/repo', 'http://github.com/org/repo'));
});

test('credentials embedded in an HTTPS URL are taken out of what git sees and what is printed', () => {
  const u = parseGitUrl('https://bob:s%40cret@git.example.com/org/repo.git');
  assert.deepEqual(u.embedded, { username: 'bob', password: 's@cret' });
  assert.equal(u.remote, 'https://git.example.com/org/repo.git');
  assert.ok(!u.display.includes('cret'));
});

test('scp-style URLs keep their form for git (paths relative to the login home)', () => {
  const u = parseGitUrl('git@example.com:org/repo.git');
  assert.equal(u.scheme, 'ssh');
  assert.equal(u.user, 'git');
  assert.equal(u.remote, 'git@example.com:org/repo.git');
});

test('anything else is refused with SOURCE_INVALID_URL and no credential in the message', () => {
  for (const bad of [
    '',
    'ftp://example.com/repo',
    's3://bucket/repo',
    'ext::sh -c touch% /tmp/pwned',
    '/tmp/local/path',
    './relative',
    '--upload-pack=touch /tmp/x',
    'https://example.com/repo?x=1',
    'https://bob:hunter22@exa mple.com/r',
    'file://otherhost/path',
    'https://',
    'ssh://git:pw@host/repo',
  ]) {
    try {
      parseGitUrl(bad);
      assert.fail(`accepted ${bad}`);
    } catch (err) {
      assert.equal(errorCode(err), 'SOURCE_INVALID_URL', bad);
      assert.ok(!String((err as Error).message).includes('hunter22'), bad);
    }
  }
});
