import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitSource, type Artifact, type GitSource } from '../source/index.ts';
import { ArtifactTrees } from './artifact-trees.ts';

// A real repository read by the real git source: three commits, three artifacts.
async function threeArtifacts(dir: string): Promise<{ sources: GitSource; artifacts: Artifact[] }> {
  const repo = join(dir, 'repo');
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args]);
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  const sources = createGitSource({
    cacheDir: join(dir, 'cache'),
    storageDir: join(dir, 'storage'),
    artifactBaseUrl: 'http://localhost/artifacts',
  });
  const out: Artifact[] = [];
  for (const n of [1, 2, 3]) {
    await writeFile(join(repo, 'cm.yaml'), `kind: ConfigMap\nmetadata:\n  name: v${n}\n`);
    git('add', '.');
    git('commit', '-q', '-m', `v${n}`);
    out.push(
      await sources.fetchArtifact({
        url: `file://${repo}`,
        ref: { api: 'argo', targetRevision: 'main' },
        owner: 'application/argocd/t',
        signal: AbortSignal.timeout(30_000),
      }),
    );
  }
  return { sources, artifacts: out };
}

test('unpacked trees are shared, held while in use and evicted beyond `keep` once idle', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'capstan-trees-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { sources, artifacts } = await threeArtifacts(dir);
  const root = join(dir, 'trees');
  const trees = new ArtifactTrees(root, sources, 2);
  const signal = AbortSignal.timeout(30_000);
  const [a1, a2, a3] = artifacts as [Artifact, Artifact, Artifact];

  const seen: string[] = [];
  await trees.with(a1, signal, async (d1) => {
    seen.push(d1);
    assert.match(await readFile(join(d1, 'cm.yaml'), 'utf8'), /name: v1/);
    // A second tree while the first is in use: the first is not removed under its reader.
    await trees.with(a2, signal, async (d2) => {
      seen.push(d2);
      assert.match(await readFile(join(d2, 'cm.yaml'), 'utf8'), /name: v2/);
    });
    assert.ok(existsSync(d1), 'a tree in use stays');
  });
  // Same artifact again: the same directory, not a second unpacking.
  await trees.with(a2, signal, (d) => Promise.resolve(assert.equal(d, seen[1])));
  await trees.with(a3, signal, () => Promise.resolve());
  assert.equal(readdirSync(root).length, 2, 'only `keep` idle trees remain on disk');
  assert.ok(!existsSync(seen[0]!), 'the least recently used idle tree is removed');
  assert.ok(existsSync(seen[1]!), 'a recently used tree stays');
  await trees.close();
  assert.ok(!existsSync(root));
});
