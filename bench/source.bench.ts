// Git source: time to the first artifact and to an incremental update after one new commit, on a
// generated repository (10k files, 1k commits, built with git fast-import) served by git daemon.
// Reference, side by side: `git clone --depth 1` + `tar czf` of the same repository (and, for the
// update, `git fetch --depth 1` + checkout + `tar czf` in that clone).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createGitSource } from '../src/source/index.ts';
import { createRepo, startGitDaemon, tempDir } from '../test/support/git-servers.ts';
import type { BenchResult } from './run.ts';
import { fmt, memoryMiB } from './measure.ts';

const FILES = 10_000;
const COMMITS = 1_000;

/** A fast-import stream: one commit adding FILES files, then COMMITS-1 commits touching a few. */
function fastImportStream(): Buffer {
  const parts: string[] = [];
  let mark = 0;
  const blob = (content: string): number => {
    const m = ++mark;
    parts.push(`blob\nmark :${m}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    return m;
  };
  const content = (i: number, rev: number): string =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  revision: "${rev}"\n  payload: "${'x'.repeat(120 + (i % 50))}"\n`;
  const path = (i: number): string => `apps/team-${Math.floor(i / 100)}/cm-${i % 100}.yaml`;
  let time = 1_700_000_000;
  for (let c = 0; c < COMMITS; c++) {
    const changes: string[] = [];
    if (c === 0) {
      for (let i = 0; i < FILES; i++) changes.push(`M 100644 :${blob(content(i, 0))} ${path(i)}`);
    } else {
      for (let k = 0; k < 1 + (c % 7); k++) {
        const i = (c * 7919 + k * 104729) % FILES;
        changes.push(`M 100644 :${blob(content(i, c))} ${path(i)}`);
      }
    }
    const msg = `commit ${c}`;
    parts.push(
      `commit refs/heads/main\ncommitter Bench <bench@example.com> ${time++} +0000\ndata ${msg.length}\n${msg}\n` +
        changes.join('\n') +
        '\n\n',
    );
  }
  return Buffer.from(parts.join(''));
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

export async function run(): Promise<BenchResult> {
  const root = tempDir('capstan-bench-source-');
  const daemonRoot = join(root, 'srv');
  try {
    const repo = createRepo(daemonRoot, 'big');
    const build = timed(() => {
      const r = spawnSync('git', ['-C', repo.bareDir, 'fast-import', '--quiet'], {
        input: fastImportStream(),
      });
      if (r.status !== 0) throw new Error(`fast-import failed: ${r.stderr.toString()}`);
    });
    const daemon = await startGitDaemon(daemonRoot);
    const url = daemon.url('big');
    const source = createGitSource({ cacheDir: join(root, 'cache'), storageDir: join(root, 'storage') });
    const ref = { api: 'flux', branch: 'main' } as const;

    const first = await timedAsync(() => source.fetchArtifact({ url, ref }));
    const memFirst = memoryMiB();
    const refClone = timed(() => {
      execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'main', url, join(root, 'ref')], {
        stdio: 'ignore',
      });
      execFileSync('tar', ['czf', join(root, 'ref.tar.gz'), '--exclude=.git', '-C', join(root, 'ref'), '.'], {
        stdio: 'ignore',
      });
    });

    // One new commit touching one file.
    mkdirSync(join(repo.workDir), { recursive: true });
    repo.git('fetch', '-q', '--depth', '1', 'origin', 'main');
    repo.git('checkout', '-q', '-B', 'main', 'FETCH_HEAD');
    const tip = repo.commit(
      { 'apps/team-3/cm-7.yaml': 'kind: ConfigMap\nmetadata: {name: changed}\n' },
      'one more',
    );
    const update = await timedAsync(() => source.fetchArtifact({ url, ref }));
    if (update.value.commit !== tip) throw new Error('update did not reach the new commit');
    const noop = await timedAsync(() => source.fetchArtifact({ url, ref }));
    const refUpdate = timed(() => {
      const dir = join(root, 'ref');
      execFileSync('git', ['-C', dir, 'fetch', '-q', '--depth', '1', 'origin', 'main'], { stdio: 'ignore' });
      execFileSync('git', ['-C', dir, 'checkout', '-q', 'FETCH_HEAD'], { stdio: 'ignore' });
      execFileSync('tar', ['czf', join(root, 'ref2.tar.gz'), '--exclude=.git', '-C', dir, '.'], {
        stdio: 'ignore',
      });
    });
    const mem = memoryMiB();
    const peak = Math.round(process.resourceUsage().maxRSS / 1024);
    await daemon.stop();
    return {
      name: `git source: ${fmt(FILES)} files, ${fmt(COMMITS)} commits over git daemon (repo built in ${fmt(build.ms)} ms)`,
      lines: [
        `first artifact: ${fmt(first.ms)} ms (${first.value.fileCount} files, ${fmt(first.value.size / 1024)} KiB tar.gz); ` +
          `git clone --depth 1 + tar czf: ${fmt(refClone.ms)} ms; ratio ${fmt(first.ms / refClone.ms, 2)}x`,
        `update after one commit: ${fmt(update.ms)} ms; git fetch --depth 1 + checkout + tar czf: ${fmt(refUpdate.ms)} ms; ` +
          `ratio ${fmt(update.ms / refUpdate.ms, 2)}x`,
        `unchanged poll (ls-remote, archive reused): ${fmt(noop.ms)} ms`,
        `git processes: ${JSON.stringify(source.stats().gitProcesses)}`,
        `memory: rss ${memFirst.rss} MiB after first artifact, ${mem.rss} MiB at end (heap ${mem.heap} MiB), peak rss ${peak} MiB`,
      ],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
