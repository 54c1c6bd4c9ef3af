import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGitUrl } from '../url.ts';
import { openAuthSession } from './credentials.ts';

test('HTTP credentials travel in environment and config, never in files or arguments', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'capstan-cred-'));
  try {
    const s = await openAuthSession(
      parseGitUrl('https://h/r'),
      { username: 'u', password: 'hunter2-secret' },
      tmp,
    );
    assert.equal(s.env['CAPSTAN_GIT_PASSWORD'], 'hunter2-secret');
    assert.ok(s.config.every(([, v]) => !v.includes('hunter2')));
    assert.deepEqual(readdirSync(tmp), []);
    await s.dispose();
    const bearer = await openAuthSession(
      parseGitUrl('https://h/r'),
      { bearerToken: 't0k', caCert: 'PEM', insecureSkipTlsVerify: false },
      tmp,
    );
    assert.deepEqual(
      bearer.config.map(([k]) => k),
      ['http.extraHeader', 'http.sslCAInfo'],
    );
    await bearer.dispose();
    assert.deepEqual(readdirSync(tmp), []);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('SSH: key file 0600 in a private dir, strict host checking, removed on dispose', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'capstan-cred-'));
  try {
    const s = await openAuthSession(
      parseGitUrl('git@h:o/r'),
      { sshPrivateKey: 'KEY', knownHosts: 'h ssh-ed25519 AAAA' },
      tmp,
    );
    const cmd = s.env['GIT_SSH_COMMAND']!;
    assert.match(cmd, /StrictHostKeyChecking=yes/);
    assert.match(cmd, /-F \/dev\/null/);
    assert.match(cmd, /BatchMode=yes/);
    const keyFile = /-i '([^']+)'/.exec(cmd)![1]!;
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(statSync(join(keyFile, '..')).mode & 0o777, 0o700);
    assert.equal(readFileSync(keyFile, 'utf8'), 'KEY\n');
    await s.dispose();
    assert.deepEqual(readdirSync(tmp), []);
    const none = await openAuthSession(parseGitUrl('ssh://h/r'), {}, tmp);
    assert.match(
      none.env['GIT_SSH_COMMAND']!,
      /UserKnownHostsFile='\/dev\/null'.*|StrictHostKeyChecking=yes/,
    );
    assert.equal(none.knownHosts, false);
    const insecure = await openAuthSession(parseGitUrl('ssh://h/r'), { insecureIgnoreHostKey: true }, tmp);
    assert.match(insecure.env['GIT_SSH_COMMAND']!, /StrictHostKeyChecking=no/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
