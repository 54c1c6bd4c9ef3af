import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyGitFailure } from './classify.ts';
import { subcommandOf } from './exec.ts';

test("git's words map to errors a user can act on", () => {
  const cases: [string, string][] = [
    ["fatal: Authentication failed for 'https://h/r.git/'", 'SOURCE_AUTH_FAILED'],
    ["fatal: could not read Username for 'https://h': terminal prompts disabled", 'SOURCE_AUTH_FAILED'],
    [
      'git@h: Permission denied (publickey).\nfatal: Could not read from remote repository.',
      'SOURCE_AUTH_FAILED',
    ],
    [
      'Host key verification failed.\nfatal: Could not read from remote repository.',
      'SOURCE_HOST_KEY_FAILED',
    ],
    [
      "fatal: unable to access 'https://h/': SSL certificate problem: unable to get local issuer certificate",
      'SOURCE_TLS_FAILED',
    ],
    ["fatal: repository 'https://h/x.git/' not found", 'SOURCE_REPOSITORY_NOT_FOUND'],
    ['fatal: remote error: no such repository: /x.git', 'SOURCE_REPOSITORY_NOT_FOUND'],
    ["fatal: unable to access 'https://h/': Could not resolve host: h", 'SOURCE_UNREACHABLE'],
    ['fatal: early EOF\nfatal: fetch-pack: invalid index-pack output', 'SOURCE_UNREACHABLE'],
    ["fatal: couldn't find remote ref refs/heads/x", 'SOURCE_REFERENCE_NOT_FOUND'],
    ['fatal: something new', 'SOURCE_GIT_FAILED'],
  ];
  for (const [stderr, code] of cases) {
    const err = classifyGitFailure('https://h/r', 'fetch', stderr, 128);
    assert.equal(err.code, code, stderr);
    assert.ok(err.message.startsWith('https://h/r: fetch: '), err.message);
  }
  assert.equal(subcommandOf(['--git-dir', '/m', '-c', 'a=b', 'fetch', '--depth=1']), 'fetch');
});
