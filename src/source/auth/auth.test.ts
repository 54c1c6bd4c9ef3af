import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode } from '../../core/index.ts';
import { argoNormalizeUrl, argoRepositoryAuth } from './argo-secret.ts';
import { fluxSecretToGitAuth } from './flux-secret.ts';
import { authFingerprint, authSecrets } from './types.ts';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

test('Flux HTTPS Secrets: basic auth, CA under either key, client certificates', () => {
  const auth = fluxSecretToGitAuth('https://git.example.com/org/repo', {
    data: {
      username: b64('bob'),
      password: b64('pw'),
      'ca.crt': b64('CA'),
      'tls.crt': b64('C'),
      'tls.key': b64('K'),
    },
  });
  assert.deepEqual(auth, { username: 'bob', password: 'pw', caCert: 'CA', clientCert: 'C', clientKey: 'K' });
  assert.equal(fluxSecretToGitAuth('https://h/r', { stringData: { caFile: 'OLD' } }).caCert, 'OLD');
});

test('Flux bearer token wins over basic auth; URL credentials fill gaps', () => {
  assert.deepEqual(
    fluxSecretToGitAuth('https://h/r', { stringData: { bearerToken: 't', username: 'u', password: 'p' } }),
    {
      bearerToken: 't',
    },
  );
  assert.deepEqual(fluxSecretToGitAuth('https://u:p@h/r', undefined), { username: 'u', password: 'p' });
  assert.deepEqual(fluxSecretToGitAuth('https://u@h/r', { stringData: { password: 'p' } }), {
    username: 'u',
    password: 'p',
  });
});

test('Flux refuses incomplete Secrets with SOURCE_INVALID_AUTH', () => {
  const cases: [string, Record<string, string> | undefined, RegExp][] = [
    ['https://h/r', { password: 'p' }, /'password' requires 'username'/],
    ['ssh://git@h/r', { identity: 'KEY' }, /'known_hosts' is required/],
    ['ssh://git@h/r', undefined, /'identity' is required/],
  ];
  for (const [url, data, re] of cases) {
    assert.throws(
      () => fluxSecretToGitAuth(url, data ? { stringData: data } : undefined),
      (err: Error) => errorCode(err) === 'SOURCE_INVALID_AUTH' && re.test(err.message),
    );
  }
});

test('Flux SSH Secrets: identity, known_hosts, and password as the key passphrase', () => {
  const auth = fluxSecretToGitAuth('git@h:org/r.git', {
    stringData: { identity: 'KEY', 'identity.pub': 'PUB', known_hosts: 'h ssh-ed25519 AAAA', password: 'pp' },
  });
  assert.deepEqual(auth, { sshPrivateKey: 'KEY', knownHosts: 'h ssh-ed25519 AAAA', sshPassphrase: 'pp' });
});

const repoSecret = (name: string, data: Record<string, string>, type = 'repository') => ({
  metadata: { name, labels: { 'argocd.argoproj.io/secret-type': type } },
  stringData: data,
});

test('Argo repository Secrets match by normalized URL, project first', () => {
  const secrets = [
    repoSecret('global', { url: 'https://GitHub.com/org/app.git', username: 'g', password: 'gp' }),
    repoSecret('team', { url: 'https://github.com/org/app', project: 'team', username: 't', password: 'tp' }),
    repoSecret('other', { url: 'https://github.com/org/other', username: 'o', password: 'op' }),
  ];
  assert.equal(argoRepositoryAuth({ url: 'https://github.com/org/app', secrets }).repositorySecret, 'global');
  const team = argoRepositoryAuth({ url: 'https://github.com/org/app.git', secrets, project: 'team' });
  assert.equal(team.repositorySecret, 'team');
  assert.deepEqual(team.auth, { username: 't', password: 'tp' });
});

test('Argo repo-creds: longest URL prefix, used when the repository has no credentials', () => {
  const secrets = [
    repoSecret('org', { url: 'https://github.com/org', username: 'a', password: 'ap' }, 'repo-creds'),
    repoSecret('all', { url: 'https://github.com', username: 'b', password: 'bp' }, 'repo-creds'),
    repoSecret('ssh', { url: 'git@github.com:org', sshPrivateKey: 'KEY' }, 'repo-creds'),
    repoSecret('bare', { url: 'https://github.com/org/app', insecure: 'true' }),
    repoSecret('helm', { url: 'https://github.com/org/app', type: 'helm', username: 'x', password: 'y' }),
  ];
  const app = argoRepositoryAuth({ url: 'https://github.com/org/app', secrets });
  assert.equal(app.credentialsSecret, 'org');
  assert.deepEqual(app.auth, { username: 'a', password: 'ap', insecureSkipTlsVerify: true });
  assert.equal(argoRepositoryAuth({ url: 'https://github.com/else/x', secrets }).credentialsSecret, 'all');
  const ssh = argoRepositoryAuth({
    url: 'git@github.com:org/app.git',
    secrets,
    knownHosts: 'github.com ssh-ed25519 AAAA',
  });
  assert.deepEqual(ssh.auth, { sshPrivateKey: 'KEY', knownHosts: 'github.com ssh-ed25519 AAAA' });
  assert.equal(argoRepositoryAuth({ url: 'https://gitlab.com/x', secrets }).credentialsSecret, undefined);
});

test('Argo TLS material: client certs from the Secret, CA from argocd-tls-certs-cm by host', () => {
  const secrets = [
    repoSecret('r', { url: 'https://git.corp:8443/a', tlsClientCertData: 'C', tlsClientCertKey: 'K' }),
  ];
  const { auth } = argoRepositoryAuth({
    url: 'https://git.corp:8443/a',
    secrets,
    tlsCerts: { 'git.corp': 'CA' },
  });
  assert.deepEqual(auth, { clientCert: 'C', clientKey: 'K', caCert: 'CA' });
  assert.throws(
    () =>
      argoRepositoryAuth({
        url: 'https://h/a',
        secrets: [repoSecret('bad', { url: 'https://h/a', insecure: 'maybe' })],
      }),
    (err: Error) => errorCode(err) === 'SOURCE_INVALID_AUTH',
  );
  assert.equal(argoNormalizeUrl(' git@GitHub.com:Org/Repo.git '), 'git@github.com/org/repo');
});

test('secrets are listed for scrubbing and fingerprinted without being exposed', () => {
  const auth = { username: 'u', password: 'hunter2hunter2' };
  assert.ok(authSecrets(auth).includes('hunter2hunter2'));
  assert.ok(!authFingerprint(auth).includes('hunter2'));
  assert.notEqual(authFingerprint(auth), authFingerprint({ username: 'u', password: 'other' }));
  assert.equal(authFingerprint(undefined), 'anonymous');
});
