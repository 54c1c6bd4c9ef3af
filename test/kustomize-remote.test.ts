// A remote base fetched for real: a git repository served by URL (file://), resolved and checked
// out by the source module's git client, then built into an overlay by the native kustomize.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitRemoteFetcher } from '../src/app/index.ts';
import { kustomizeBuild } from '../src/render/index.ts';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    stdio: 'pipe',
  });
}

test('a remote base at a tag is fetched through the source module and built', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'capstan-remote-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const repo = join(root, 'repo');
  mkdirSync(join(repo, 'deploy', 'base'), { recursive: true });
  writeFileSync(join(repo, 'deploy/base/kustomization.yaml'), 'resources: [cm.yaml]\n');
  writeFileSync(
    join(repo, 'deploy/base/cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  version: "1"\n',
  );
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'v1');
  git(repo, 'tag', 'v1');
  writeFileSync(
    join(repo, 'deploy/base/cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  version: "2"\n',
  );
  git(repo, 'commit', '-q', '-am', 'v2');

  const overlay = join(root, 'overlay');
  mkdirSync(overlay);
  writeFileSync(
    join(overlay, 'kustomization.yaml'),
    `resources:\n- file://${repo}//deploy/base?ref=v1\nnamePrefix: prod-\n`,
  );
  const remote = gitRemoteFetcher({ cacheDir: join(root, 'cache'), workDir: join(root, 'trees') });
  const r = await kustomizeBuild(overlay, { remote });
  assert.equal(
    r.yaml,
    'apiVersion: v1\ndata:\n  version: "1"\nkind: ConfigMap\nmetadata:\n  name: prod-settings\n',
  );

  writeFileSync(join(overlay, 'kustomization.yaml'), `resources:\n- file://${repo}//deploy/base?ref=main\n`);
  assert.match((await kustomizeBuild(overlay, { remote })).yaml, /version: "2"/);
});
