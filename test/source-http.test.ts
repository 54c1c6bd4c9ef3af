// End to end over HTTP(S): basic and bearer auth, TLS with a CA made by openssl, a server that
// goes away mid-fetch or hangs, and a burst of concurrent requests sharing one fetch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode } from '../src/core/index.ts';
import { createGitSource, fluxSecretToGitAuth, type GitSource } from '../src/source/index.ts';
import {
  createRepo,
  makeTestCa,
  startHttpGitServer,
  tempDir,
  type HttpGitServer,
  type TestRepo,
} from './support/git-servers.ts';

const PASSWORD = 's3cret-Pa55word';
const TOKEN = 'tok-0123456789abcdef';
let root: string;
let repo: TestRepo;
let basic: HttpGitServer;
let bearer: HttpGitServer;
let tls: HttpGitServer;
let ca: ReturnType<typeof makeTestCa>;
let n = 0;

const fresh = (options: Parameters<typeof createGitSource>[0] = {}): GitSource =>
  createGitSource({
    cacheDir: join(root, `cache-${++n}`),
    storageDir: join(root, `storage-${n}`),
    ...options,
  });

before(async () => {
  root = tempDir();
  repo = createRepo(join(root, 'srv'), 'app');
  repo.commit({ 'app.yaml': 'v: 1\n' }, 'one');
  basic = await startHttpGitServer({
    root: join(root, 'srv'),
    basicAuth: { username: 'bob', password: PASSWORD },
  });
  bearer = await startHttpGitServer({ root: join(root, 'srv'), bearerToken: TOKEN });
  ca = makeTestCa(join(root, 'ca'));
  tls = await startHttpGitServer({
    root: join(root, 'srv'),
    tls: { cert: ca.serverCert, key: ca.serverKey },
  });
});

after(async () => {
  await Promise.all([basic.stop(), bearer.stop(), tls.stop()]);
  rmSync(root, { recursive: true, force: true });
});

const main = { api: 'flux', branch: 'main' } as const;

function assertNoSecret(err: Error, ...secrets: string[]): void {
  for (const s of secrets) {
    assert.ok(!err.message.includes(s), `secret in message: ${err.message}`);
    assert.ok(!String(err.stack).includes(s), 'secret in stack');
  }
}

test('basic auth from a Flux Secret; a wrong or missing password is an auth failure, not "not found"', async () => {
  const source = fresh();
  const auth = fluxSecretToGitAuth(basic.url('app'), { stringData: { username: 'bob', password: PASSWORD } });
  const a = await source.fetchArtifact({ url: basic.url('app'), ref: main, auth });
  assert.equal((await source.readFile(a, 'app.yaml')).toString(), 'v: 1\n');
  for (const wrong of [{ username: 'bob', password: 'wrong-password-1' }, undefined]) {
    await assert.rejects(source.resolve({ url: basic.url('app'), ref: main, auth: wrong }), (err: Error) => {
      assert.equal(errorCode(err), 'SOURCE_AUTH_FAILED', err.message);
      assertNoSecret(err, 'wrong-password-1', PASSWORD);
      return true;
    });
  }
  // Credentials typed into the URL work and never show.
  const inUrl = basic.url('app').replace('http://', `http://bob:${PASSWORD}@`);
  assert.equal((await source.resolve({ url: inUrl, ref: main })).commit, repo.rev());
  const badUrl = basic.url('app').replace('http://', 'http://bob:nope-nope-nope@');
  await assert.rejects(source.resolve({ url: badUrl, ref: main }), (err: Error) => {
    assert.equal(errorCode(err), 'SOURCE_AUTH_FAILED');
    assertNoSecret(err, 'nope-nope-nope');
    return true;
  });
});

test('bearer token auth', async () => {
  const source = fresh();
  const auth = fluxSecretToGitAuth(bearer.url('app'), { stringData: { bearerToken: TOKEN } });
  assert.equal((await source.resolve({ url: bearer.url('app'), ref: main, auth })).commit, repo.rev());
  await assert.rejects(
    source.resolve({ url: bearer.url('app'), ref: main, auth: { bearerToken: 'tok-wrong-wrong-wrong' } }),
    (err: Error) => errorCode(err) === 'SOURCE_AUTH_FAILED' && !err.message.includes('tok-wrong'),
  );
});

test('TLS: trusted through ca.crt, refused without it, skipped only when insecure is asked for', async () => {
  const source = fresh();
  const a = await source.fetchArtifact({
    url: tls.url('app'),
    ref: main,
    auth: fluxSecretToGitAuth(tls.url('app'), { stringData: { 'ca.crt': ca.caCert } }),
  });
  assert.equal(a.commit, repo.rev());
  await assert.rejects(
    source.resolve({ url: tls.url('app'), ref: main }),
    (e: Error) => errorCode(e) === 'SOURCE_TLS_FAILED',
  );
  const other = makeTestCa(join(root, 'other-ca'), 'Someone Else');
  await assert.rejects(
    source.resolve({ url: tls.url('app'), ref: main, auth: { caCert: other.caCert } }),
    (e: Error) => errorCode(e) === 'SOURCE_TLS_FAILED',
  );
  const insecure = await source.resolve({
    url: tls.url('app'),
    ref: main,
    auth: { insecureSkipTlsVerify: true },
  });
  assert.equal(insecure.commit, repo.rev());
});

test('many concurrent requests for one URL share one fetch', async () => {
  const source = fresh();
  const r = createRepo(join(root, 'srv'), 'busy');
  const tip = r.commit({ 'x.txt': 'x' });
  const before = basic.counts.fetch;
  const auth = { username: 'bob', password: PASSWORD };
  const results = await Promise.all(
    Array.from({ length: 24 }, () => source.fetchArtifact({ url: basic.url('busy'), ref: main, auth })),
  );
  assert.ok(results.every((a) => a.commit === tip && a.digest === results[0]!.digest));
  assert.equal(basic.counts.fetch - before, 1, 'server saw one fetch');
  assert.equal(source.stats().gitProcesses['fetch'], 1, 'one git fetch process');
  // Nothing changed: polling costs a listing, not a fetch.
  await source.fetchArtifact({ url: basic.url('busy'), ref: main, auth });
  assert.equal(basic.counts.fetch - before, 1);
});

test('the server going away mid-fetch fails cleanly and keeps the last artifact', async () => {
  const source = fresh();
  const r = createRepo(join(root, 'srv'), 'flaky');
  r.commit({ 'a.txt': 'good\n' });
  const auth = { username: 'bob', password: PASSWORD };
  const good = await source.fetchArtifact({ url: basic.url('flaky'), ref: main, auth });
  r.commit({ 'a.txt': 'newer\n', 'big.txt': 'y'.repeat(200_000) });
  basic.mode = 'drop';
  try {
    await assert.rejects(source.fetchArtifact({ url: basic.url('flaky'), ref: main, auth }), (e: Error) => {
      assert.equal(errorCode(e), 'SOURCE_UNREACHABLE', e.message);
      return true;
    });
  } finally {
    basic.mode = 'ok';
  }
  assert.equal((await source.readFile(good, 'a.txt')).toString(), 'good\n');
  const recovered = await source.fetchArtifact({ url: basic.url('flaky'), ref: main, auth });
  assert.equal((await source.readFile(recovered, 'a.txt')).toString(), 'newer\n');
});

test('a server that never answers times out with SOURCE_TIMEOUT', async () => {
  const source = fresh({ timeoutMs: 1500 });
  basic.mode = 'hang';
  try {
    const started = Date.now();
    await assert.rejects(
      source.resolve({ url: basic.url('app'), ref: main }),
      (e: Error) => errorCode(e) === 'SOURCE_TIMEOUT',
    );
    assert.ok(Date.now() - started < 30_000);
  } finally {
    basic.mode = 'ok';
  }
  // An AbortSignal stops the work too.
  const ac = new AbortController();
  basic.mode = 'hang';
  try {
    const p = fresh().resolve({ url: basic.url('app'), ref: main, signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    await assert.rejects(p, (e: Error) => errorCode(e) === 'ABORTED');
  } finally {
    basic.mode = 'ok';
  }
});

test('unknown repositories and unreachable hosts are told apart', async () => {
  const source = fresh();
  await assert.rejects(
    source.resolve({ url: basic.url('nope'), ref: main, auth: { username: 'bob', password: PASSWORD } }),
    (e: Error) => errorCode(e) === 'SOURCE_REPOSITORY_NOT_FOUND',
  );
  const closed = `http://127.0.0.1:${basic.port + 1 === tls.port ? basic.port + 2 : 1}/app.git`;
  await assert.rejects(
    source.resolve({ url: closed, ref: main }),
    (e: Error) => errorCode(e) === 'SOURCE_UNREACHABLE',
  );
});
