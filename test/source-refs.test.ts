// End to end: every reference kind, revisions, rewritten history, ignore rules and safe reads,
// against repositories served by git http-backend (no auth) and file://.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode } from '../src/core/index.ts';
import { createGitSource, fluxArtifactStatus, type GitSource } from '../src/source/index.ts';
import {
  createEmptyRepo,
  createRepo,
  startHttpGitServer,
  tempDir,
  type HttpGitServer,
  type TestRepo,
} from './support/git-servers.ts';

let root: string;
let server: HttpGitServer;
let repo: TestRepo;
let source: GitSource;
const commits: Record<string, string> = {};

before(async () => {
  root = tempDir();
  repo = createRepo(join(root, 'srv'), 'app');
  commits['c1'] = repo.commit({ 'deploy/app.yaml': 'kind: Deployment\n', 'README.md': 'hello\n' }, 'first');
  repo.tag('v1.0.0', { annotated: true });
  commits['c2'] = repo.commit({ 'deploy/app.yaml': 'kind: Deployment # 2\n' }, 'second');
  repo.tag('v1.2.0');
  repo.tag('1.2.5');
  commits['c3'] = repo.commit({ 'deploy/svc.yaml': 'kind: Service\n' }, 'third');
  repo.tag('v1.3.0-rc.1');
  repo.tag('v2.0.0');
  repo.push('HEAD:refs/pull/7/head');
  repo.branch('feature/x');
  commits['f1'] = repo.commit({ 'feature.txt': 'f\n' }, 'feature work');
  repo.checkout('main');
  server = await startHttpGitServer({ root: join(root, 'srv') });
  source = createGitSource({
    cacheDir: join(root, 'cache'),
    storageDir: join(root, 'storage'),
    artifactBaseUrl: 'http://capstan.test/artifacts',
  });
});

after(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

const url = (): string => server.url('app');

test('Flux references resolve by precedence, with Flux revision formats', async () => {
  const cases: [Parameters<GitSource['resolve']>[0]['ref'], string][] = [
    [{ api: 'flux', branch: 'main' }, `main@sha1:${commits['c3']}`],
    [{ api: 'flux', branch: 'feature/x' }, `feature/x@sha1:${commits['f1']}`],
    [{ api: 'flux', tag: 'v1.0.0' }, `v1.0.0@sha1:${commits['c1']}`],
    [{ api: 'flux', tag: 'v1.2.0', branch: 'main' }, `v1.2.0@sha1:${commits['c2']}`],
    [{ api: 'flux', semver: '>=1.0.0 <2.0.0' }, `1.2.5@sha1:${commits['c2']}`],
    [{ api: 'flux', semver: '>=1.3.0-0 <2.0.0', tag: 'v1.0.0' }, `v1.3.0-rc.1@sha1:${commits['c3']}`],
    [{ api: 'flux', name: 'refs/pull/7/head', semver: '*' }, `refs/pull/7/head@sha1:${commits['c3']}`],
    [{ api: 'flux', commit: commits['c1'], branch: 'main' }, `main@sha1:${commits['c1']}`],
    [{ api: 'flux', commit: commits['c2'], name: 'refs/heads/main' }, `sha1:${commits['c2']}`],
  ];
  for (const [ref, revision] of cases) {
    const r = await source.resolve({ url: url(), ref });
    assert.equal(r.revision, revision, JSON.stringify(ref));
  }
});

test('Argo targetRevision: HEAD, branch, tag, SHA, abbreviated SHA, semver constraints', async () => {
  const cases: [string | undefined, string][] = [
    [undefined, commits['c3']!],
    ['HEAD', commits['c3']!],
    ['feature/x', commits['f1']!],
    ['v1.0.0', commits['c1']!],
    ['refs/tags/v1.2.0', commits['c2']!],
    [commits['c1'], commits['c1']!],
    [commits['c2']!.slice(0, 10), commits['c2']!],
    ['1.2.*', commits['c2']!],
    ['>=1.0.0 <2.0.0', commits['c2']!],
    ['~1.2', commits['c2']!],
    ['^1.2', commits['c2']!],
    ['>=1.3.0-0, <2', commits['c3']!],
    ['*', commits['c3']!],
  ];
  for (const [targetRevision, commit] of cases) {
    const r = await source.resolve({ url: url(), ref: { api: 'argo', targetRevision } });
    assert.equal(r.commit, commit, String(targetRevision));
    assert.equal(r.revision, commit);
  }
});

test('unknown references and malformed ones fail with codes a user can act on', async () => {
  const bad: [Parameters<GitSource['resolve']>[0]['ref'], string][] = [
    [{ api: 'flux' }, 'SOURCE_REFERENCE_NOT_FOUND'], // Flux's default branch is master
    [{ api: 'flux', branch: 'nope' }, 'SOURCE_REFERENCE_NOT_FOUND'],
    [{ api: 'flux', tag: 'v9' }, 'SOURCE_REFERENCE_NOT_FOUND'],
    [{ api: 'flux', semver: '>=5' }, 'SOURCE_REFERENCE_NOT_FOUND'],
    [{ api: 'flux', semver: 'not a range' }, 'SOURCE_INVALID_REFERENCE'],
    [{ api: 'flux', commit: 'f'.repeat(40) }, 'SOURCE_REFERENCE_NOT_FOUND'],
    [{ api: 'argo', targetRevision: 'no-such-branch' }, 'SOURCE_REFERENCE_NOT_FOUND'],
    [{ api: 'argo', targetRevision: '--upload-pack=x' }, 'SOURCE_INVALID_REFERENCE'],
  ];
  for (const [ref, code] of bad) {
    await assert.rejects(source.fetchArtifact({ url: url(), ref }), (err: Error) => {
      assert.equal(errorCode(err), code, `${JSON.stringify(ref)}: ${err.message}`);
      assert.ok(err.message.startsWith(url()), err.message);
      return true;
    });
  }
});

test('artifacts: Flux status fields, commit metadata, one archive per commit, deterministic digest', async () => {
  const a = await source.fetchArtifact({
    url: url(),
    ref: { api: 'flux', branch: 'main' },
    owner: 'gitrepository/flux-system/app',
  });
  assert.equal(a.revision, `main@sha1:${commits['c3']}`);
  assert.match(a.digest, /^sha256:[0-9a-f]{64}$/);
  assert.equal(a.path, `gitrepository/flux-system/app/${commits['c3']}.tar.gz`);
  assert.equal(a.url, `http://capstan.test/artifacts/${a.path}`);
  assert.deepEqual(Object.keys(fluxArtifactStatus(a)).sort(), [
    'digest',
    'lastUpdateTime',
    'path',
    'revision',
    'size',
    'url',
  ]);
  assert.equal(a.metadata.subject, 'third');
  assert.equal(a.metadata.author.email, 'author@example.com');
  assert.equal(a.metadata.committer.name, 'Test Committer');
  const tarball = join(root, 'storage', a.path);
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .sort();
  assert.deepEqual(listing, ['README.md', 'deploy/', 'deploy/app.yaml', 'deploy/svc.yaml']);
  assert.equal((await source.readFile(a, 'deploy/svc.yaml')).toString(), 'kind: Service\n');

  // The same commit through another name reuses the archive; Argo sees the bare SHA.
  const viaTag = await source.fetchArtifact({
    url: url(),
    ref: { api: 'flux', tag: 'v2.0.0' },
    owner: 'gitrepository/flux-system/app',
  });
  assert.equal(viaTag.revision, `v2.0.0@sha1:${commits['c3']}`);
  assert.equal(viaTag.digest, a.digest);
  const argo = await source.fetchArtifact({ url: url(), ref: { api: 'argo', targetRevision: 'HEAD' } });
  assert.equal(argo.revision, commits['c3']);

  // Another cache, another process's worth of state: byte-identical archive.
  const other = createGitSource({ cacheDir: join(root, 'cache2'), storageDir: join(root, 'storage2') });
  const again = await other.fetchArtifact({
    url: repo.fileUrl,
    ref: { api: 'flux', branch: 'main' },
    owner: 'gitrepository/flux-system/app',
  });
  assert.equal(again.digest, a.digest);
  assert.equal(again.size, a.size);
});

test('force-pushed branches and moved tags are followed; old artifacts stay readable', async () => {
  const r = createRepo(join(root, 'srv'), 'moving');
  const c1 = r.commit({ 'a.txt': 'one\n' }, 'one');
  r.tag('stable');
  const c2 = r.commit({ 'a.txt': 'two\n' }, 'two');
  const murl = server.url('moving');
  const first = await source.fetchArtifact({ url: murl, ref: { api: 'flux', branch: 'main' } });
  assert.equal(first.commit, c2);
  const rewritten = (r.forcePush(c1), r.commit({ 'a.txt': 'rewritten\n' }, 'rewritten'));
  const second = await source.fetchArtifact({ url: murl, ref: { api: 'flux', branch: 'main' } });
  assert.equal(second.commit, rewritten);
  assert.equal((await source.readFile(second, 'a.txt')).toString(), 'rewritten\n');
  assert.equal((await source.readFile(first, 'a.txt')).toString(), 'two\n');

  assert.equal((await source.resolve({ url: murl, ref: { api: 'flux', tag: 'stable' } })).commit, c1);
  r.tag('stable', { at: rewritten, force: true });
  const moved = await source.fetchArtifact({ url: murl, ref: { api: 'argo', targetRevision: 'stable' } });
  assert.equal(moved.commit, rewritten);
});

test('ignore rules: Flux defaults, nested .sourceignore, spec.ignore re-including', async () => {
  const r = createRepo(join(root, 'srv'), 'ignored');
  r.commit({
    'app/deploy.yaml': 'x',
    'app/logo.png': 'png',
    '.github/workflows/ci.yml': 'ci',
    '.gitignore': 'tmp',
    'docs/guide.md': 'g',
  });
  const files = async (ignore?: string): Promise<string[]> =>
    source.listFiles(
      await source.fetchArtifact({
        url: server.url('ignored'),
        ref: { api: 'flux', branch: 'main' },
        ignore,
      }),
    );
  assert.deepEqual(await files(), ['app/deploy.yaml', 'docs/guide.md']);
  // Any user pattern drops the non-VCS defaults, as source-controller does.
  assert.deepEqual(await files('docs/'), ['.github/workflows/ci.yml', 'app/deploy.yaml', 'app/logo.png']);
  r.commit({ '.sourceignore': '*.md\n', 'app/.sourceignore': '*.yaml\n!keep.yaml\n', 'app/keep.yaml': 'k' });
  assert.deepEqual(await files(), [
    '.github/workflows/ci.yml',
    '.sourceignore',
    'app/.sourceignore',
    'app/keep.yaml',
    'app/logo.png',
  ]);
  assert.deepEqual(await files('/.github/\n*.png\n!docs/guide.md\n'), [
    '.sourceignore',
    'app/.sourceignore',
    'app/keep.yaml',
    'docs/guide.md',
  ]);
  const a = await source.fetchArtifact({
    url: server.url('ignored'),
    ref: { api: 'flux', branch: 'main' },
    ignore: '*.png',
  });
  await assert.rejects(
    source.readFile(a, 'app/logo.png'),
    (e: Error) => errorCode(e) === 'SOURCE_FILE_NOT_FOUND',
  );
});

test('reads refuse .., absolute paths and symlinks that leave the checkout', async () => {
  const r = createRepo(join(root, 'srv'), 'links');
  r.commit({
    'real/config.yaml': 'inside\n',
    'inside-link.yaml': { symlink: 'real/config.yaml' },
    'escape-link': { symlink: '../../../../../../../../etc/passwd' },
    'abs-link': { symlink: '/etc/hostname' },
    'run.sh': { exec: '#!/bin/sh\n' },
  });
  const a = await source.fetchArtifact({
    url: r.fileUrl,
    ref: { api: 'argo', targetRevision: 'main' },
    fluxDefaults: false,
  });
  assert.equal((await source.readFile(a, 'inside-link.yaml')).toString(), 'inside\n');
  assert.equal((await source.readFile(a, './real//config.yaml')).toString(), 'inside\n');
  for (const p of ['escape-link', 'abs-link', '../links.git/HEAD', '/etc/passwd', 'real/../../x']) {
    await assert.rejects(source.readFile(a, p), (e: Error) => errorCode(e) === 'SOURCE_UNSAFE_PATH', p);
  }
  // Symlinks never enter the archive (as with Flux); the executable bit survives as 0700.
  const listing = execFileSync('tar', ['-tvzf', join(root, 'storage', a.path)], { encoding: 'utf8' });
  assert.ok(!listing.includes('escape-link'));
  assert.match(listing, /-rwx------ 0\/0 .* run\.sh/);
});

test('empty repositories, oversize files and history', async () => {
  const empty = createEmptyRepo(join(root, 'srv'), 'empty');
  await assert.rejects(
    source.fetchArtifact({ url: empty.fileUrl, ref: { api: 'argo' } }),
    (e: Error) => errorCode(e) === 'SOURCE_EMPTY_REPOSITORY',
  );
  await assert.rejects(
    source.resolve({ url: server.url('empty'), ref: { api: 'flux' } }),
    (e: Error) => errorCode(e) === 'SOURCE_EMPTY_REPOSITORY',
  );

  const small = createGitSource({
    cacheDir: join(root, 'cache3'),
    storageDir: join(root, 'storage3'),
    maxFileSize: 1000,
  });
  const big = createRepo(join(root, 'srv'), 'big');
  big.commit({ 'blob.bin': 'x'.repeat(5000) });
  await assert.rejects(
    small.fetchArtifact({ url: big.fileUrl, ref: { api: 'flux', branch: 'main' } }),
    (e: Error) => {
      assert.equal(errorCode(e), 'SOURCE_TOO_LARGE');
      assert.match(e.message, /blob\.bin/);
      return true;
    },
  );

  const log = await source.history({ url: url(), ref: { api: 'flux', branch: 'main' }, limit: 2 });
  assert.deepEqual(
    log.map((c) => c.subject),
    ['third', 'second'],
  );
  assert.deepEqual(log[0]!.parents, [commits['c2']]);
});

test('garbage collection keeps the newest artifacts per owner and what callers protect', async () => {
  const r = createRepo(join(root, 'srv'), 'gc');
  const gcSource = createGitSource({
    cacheDir: join(root, 'cache4'),
    storageDir: join(root, 'storage4'),
    retention: { maxCount: 2, maxAgeMs: 0 },
  });
  const made = [];
  for (let i = 0; i < 4; i++) {
    r.commit({ 'n.txt': String(i) });
    made.push(
      await gcSource.fetchArtifact({ url: r.fileUrl, ref: { api: 'flux', branch: 'main' }, owner: 'o/gc' }),
    );
    await new Promise((res) => setTimeout(res, 1100)); // distinct lastUpdateTime seconds
  }
  const result = await gcSource.gc({ keep: [made[0]!] });
  assert.deepEqual(result.removedArtifacts.sort(), [made[1]!.path, made[2]!.path].sort());
  assert.equal((await gcSource.readFile(made[3]!, 'n.txt')).toString(), '3');
  assert.equal((await gcSource.readFile(made[0]!, 'n.txt')).toString(), '0');
  await assert.rejects(
    gcSource.readFile(made[1]!, 'n.txt'),
    (e: Error) => errorCode(e) === 'SOURCE_FILE_NOT_FOUND',
  );

  // Another owner whose object is gone loses even its newest artifact; live owners keep theirs.
  const other = await gcSource.fetchArtifact({
    url: r.fileUrl,
    ref: { api: 'flux', branch: 'main' },
    owner: 'o/deleted',
  });
  const afterDelete = await gcSource.gc({ keep: [made[0]!], isLive: (owner) => owner !== 'o/deleted' });
  assert.deepEqual(afterDelete.removedArtifacts, [other.path]);
  assert.equal((await gcSource.readFile(made[3]!, 'n.txt')).toString(), '3');
});

test('includes and submodules compose one artifact', async () => {
  const lib = createRepo(join(root, 'srv'), 'lib');
  lib.commit({ 'base/kustomization.yaml': 'resources: []\n', 'base/skip.md': 'x' });
  const host = createRepo(join(root, 'srv'), 'host');
  host.commit({ 'app.yaml': 'a' });
  // A submodule by relative URL, pinned to the library's commit.
  host.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', '../lib.git', 'vendor/lib');
  host.git('commit', '-q', '-m', 'add submodule');
  host.git('push', '-q', 'origin', 'HEAD');
  const plain = await source.fetchArtifact({ url: host.fileUrl, ref: { api: 'flux', branch: 'main' } });
  assert.deepEqual(await source.listFiles(plain), ['app.yaml']);
  const withSubs = await source.fetchArtifact({
    url: host.fileUrl,
    ref: { api: 'flux', branch: 'main' },
    recurseSubmodules: true,
  });
  assert.deepEqual(await source.listFiles(withSubs), [
    'app.yaml',
    'vendor/lib/base/kustomization.yaml',
    'vendor/lib/base/skip.md',
  ]);
  assert.notEqual(withSubs.path, plain.path);

  const libArtifact = await source.fetchArtifact({
    url: lib.fileUrl,
    ref: { api: 'flux', branch: 'main' },
    ignore: '*.md',
  });
  const composed = await source.fetchArtifact({
    url: host.fileUrl,
    ref: { api: 'flux', branch: 'main' },
    include: [{ artifact: libArtifact, fromPath: 'base', toPath: 'shared/base' }],
  });
  assert.deepEqual(await source.listFiles(composed), ['app.yaml', 'shared/base/kustomization.yaml']);
  assert.equal(
    (await source.readFile(composed, 'shared/base/kustomization.yaml')).toString(),
    'resources: []\n',
  );
});
