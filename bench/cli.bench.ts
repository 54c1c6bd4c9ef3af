// The CLI as a user waits on it, against the demo of `capstan up`: `capstan app list` through the
// Capstan server, the same with `--core` (the API server built in the CLI's own process over the
// kubeconfig: discovery, a watch cache of Applications, AppProjects, Secrets and Flux objects),
// and `capstan app diff --core` (which also renders the source and compares it). Reference, side
// by side: `kubectl get applications`, a CLI's floor for one list call against the same cluster.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startCapstan } from '../src/app/index.ts';
import { KUBECTL } from '../test/support/cluster.ts';
import type { BenchResult } from './run.ts';
import { fmt } from './measure.ts';

const exec = promisify(execFile);
const BIN = new URL('../bin/capstan.js', import.meta.url).pathname;
const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    // `app diff` exits 1 when there is a difference: any exit is a measured run.
    await exec(command, args, { env }).catch((err: { code?: unknown }) => {
      if (typeof err.code !== 'number') throw err;
    });
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function run({ signal }: { signal: AbortSignal }): Promise<BenchResult> {
  const home = await mkdtemp(join(tmpdir(), 'capstan-bench-cli-'));
  const stop = new AbortController();
  const capstan = await startCapstan({
    signal: AbortSignal.any([signal, stop.signal]),
    dataDir: join(home, 'data'),
    port: 0,
    uiDir: undefined,
    storeCliContext: false,
  });
  try {
    const password = (await readFile(capstan.adminPasswordPath, 'utf8')).trim();
    const res = await fetch(`${capstan.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    const { token } = (await res.json()) as { token: string };
    const env = { ...process.env, HOME: home, KUBECONFIG: capstan.kubeconfigPath, CAPSTAN_SERVER: '' };
    // Let the demo settle so each variant sees the same state.
    await new Promise((r) => setTimeout(r, 10_000));
    const node = process.execPath;
    const kubectl = await timed(
      KUBECTL,
      ['get', 'applications', '-n', 'argocd', '--cache-dir', join(home, 'kc')],
      env,
    );
    const server = await timed(
      node,
      [BIN, 'app', 'list', '--server', capstan.url, '--auth-token', token],
      env,
    );
    const core = await timed(node, [BIN, 'app', 'list', '--core'], env);
    const diff = await timed(node, [BIN, 'app', 'diff', 'demo', '--core'], env);
    const line = (what: string, ms: number) => `${what}: ${fmt(ms)} ms (${fmt(ms / kubectl, 1)}× kubectl)`;
    return {
      name: 'cli: one command, median of 5 (reference: kubectl get applications)',
      lines: [
        `kubectl get applications: ${fmt(kubectl)} ms`,
        line('capstan app list (server)', server),
        line('capstan app list --core', core),
        line('capstan app diff demo --core (renders and compares)', diff),
      ],
    };
  } finally {
    await capstan.close();
    stop.abort();
    await rm(home, { recursive: true, force: true });
  }
}
