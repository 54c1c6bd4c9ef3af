// End to end over SSH (an unprivileged sshd with keys made by ssh-keygen) and git:// (git daemon).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode } from '../src/core/index.ts';
import {
  argoRepositoryAuth,
  createGitSource,
  fluxSecretToGitAuth,
  type GitSource,
} from '../src/source/index.ts';
import {
  createRepo,
  startGitDaemon,
  startSshGitServer,
  tempDir,
  type GitDaemon,
  type SshGitServer,
  type TestRepo,
} from './support/git-servers.ts';

let root: string;
let repo: TestRepo;
let ssh: SshGitServer;
let daemon: GitDaemon;
let source: GitSource;

before(async () => {
  root = tempDir();
  repo = createRepo(join(root, 'srv'), 'app');
  repo.commit({ 'app.yaml': 'over: ssh\n' }, 'one');
  repo.tag('v1.0.0');
  [ssh, daemon] = await Promise.all([
    startSshGitServer(join(root, 'srv')),
    startGitDaemon(join(root, 'srv')),
  ]);
  source = createGitSource({ cacheDir: join(root, 'cache'), storageDir: join(root, 'storage') });
});

after(async () => {
  await Promise.all([ssh.stop(), daemon.stop()]);
  rmSync(root, { recursive: true, force: true });
});

const main = { api: 'flux', branch: 'main' } as const;

test('SSH with a key and known_hosts from a Flux Secret', async () => {
  const auth = fluxSecretToGitAuth(ssh.url('app'), {
    stringData: { identity: ssh.clientKey, known_hosts: ssh.knownHosts },
  });
  const a = await source.fetchArtifact({ url: ssh.url('app'), ref: main, auth });
  assert.equal((await source.readFile(a, 'app.yaml')).toString(), 'over: ssh\n');
  assert.equal(a.revision, `main@sha1:${repo.rev()}`);
});

test('SSH with a passphrase-protected key (the Secret password)', async () => {
  const auth = fluxSecretToGitAuth(ssh.url('app'), {
    stringData: { identity: ssh.encryptedClientKey, known_hosts: ssh.knownHosts, password: ssh.passphrase },
  });
  assert.equal(
    (await source.resolve({ url: ssh.url('app'), ref: { api: 'flux', tag: 'v1.0.0' }, auth })).commit,
    repo.rev(),
  );
  await assert.rejects(
    source.resolve({ url: ssh.url('app'), ref: main, auth: { ...auth, sshPassphrase: 'wrong passphrase!' } }),
    (e: Error) => errorCode(e) === 'SOURCE_AUTH_FAILED' && !e.message.includes('wrong passphrase!'),
  );
});

test('SSH host keys are checked strictly: a wrong or missing known_hosts is a host-key error', async () => {
  for (const knownHosts of [ssh.wrongKnownHosts, undefined]) {
    await assert.rejects(
      source.resolve({ url: ssh.url('app'), ref: main, auth: { sshPrivateKey: ssh.clientKey, knownHosts } }),
      (e: Error) => {
        assert.equal(errorCode(e), 'SOURCE_HOST_KEY_FAILED', e.message);
        assert.match(e.message, /host key/i);
        return true;
      },
    );
  }
  // Argo CD's `insecure: "true"` is the explicit way to skip the check.
  const { auth } = argoRepositoryAuth({
    url: ssh.url('app'),
    secrets: [
      {
        metadata: { name: 'repo', labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
        stringData: { url: ssh.url('app'), sshPrivateKey: ssh.clientKey, insecure: 'true' },
      },
    ],
  });
  assert.equal(
    (await source.resolve({ url: ssh.url('app'), ref: { api: 'argo' }, auth })).commit,
    repo.rev(),
  );
});

test('SSH with a key the server does not accept is an auth failure', async () => {
  await assert.rejects(
    source.resolve({
      url: ssh.url('app'),
      ref: main,
      auth: { sshPrivateKey: ssh.otherKey, knownHosts: ssh.knownHosts },
    }),
    (e: Error) => {
      assert.equal(errorCode(e), 'SOURCE_AUTH_FAILED', e.message);
      assert.ok(!e.message.includes('PRIVATE KEY'));
      return true;
    },
  );
});

test('git:// through git daemon, then the daemon stops: unreachable, last artifact kept', async () => {
  const r = createRepo(join(root, 'srv'), 'daemon');
  r.commit({ 'f.txt': 'one\n' });
  const gitSource = createGitSource({ cacheDir: join(root, 'cache-d'), storageDir: join(root, 'storage-d') });
  const first = await gitSource.fetchArtifact({
    url: daemon.url('daemon'),
    ref: { api: 'argo', targetRevision: 'HEAD' },
  });
  r.commit({ 'f.txt': 'two\n' });
  const second = await gitSource.fetchArtifact({
    url: daemon.url('daemon'),
    ref: { api: 'argo', targetRevision: 'HEAD' },
  });
  assert.notEqual(second.commit, first.commit);
  assert.equal((await gitSource.readFile(second, 'f.txt')).toString(), 'two\n');
  await assert.rejects(
    gitSource.resolve({ url: daemon.url('missing'), ref: { api: 'argo' } }),
    (e: Error) => errorCode(e) === 'SOURCE_REPOSITORY_NOT_FOUND',
  );
  await daemon.stop();
  await assert.rejects(
    gitSource.fetchArtifact({ url: daemon.url('daemon'), ref: { api: 'argo' } }),
    (e: Error) => errorCode(e) === 'SOURCE_UNREACHABLE',
  );
  assert.equal((await gitSource.readFile(second, 'f.txt')).toString(), 'two\n');
});
