/**
 * Test support for end-to-end suites that need a Kubernetes API: the embedded cluster on a temp
 * data dir and a free port, and the real kubectl with an isolated HOME. Other suites import these;
 * keep them small and stable.
 *
 *   const cluster = await startTestCluster(t);
 *   const r = await kubectl(['get', 'ns'], cluster);
 *   assert.equal(r.code, 0, r.stderr);
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startCluster, type ClusterOptions, type RunningCluster } from '../../src/cluster/index.ts';

export interface TestCluster extends RunningCluster {
  /** Path of a kubeconfig file for this cluster. */
  readonly kubeconfigPath: string;
  /** A HOME of its own for kubectl (kubectl caches discovery and /version under it). */
  readonly home: string;
}

export interface StartTestClusterOptions extends Partial<Omit<ClusterOptions, 'signal' | 'dataDir'>> {
  /** Reuse a data dir (e.g. to test restarts); a fresh temp dir otherwise, removed afterwards. */
  dataDir?: string;
  signal?: AbortSignal;
}

/**
 * Starts an embedded cluster for one test (or suite): temp data dir, port 0, kubeconfig written.
 * With a TestContext (`t` of `test()` or `before()`'s suite context) it is closed and its temp
 * dirs removed in `t.after`; otherwise call `close()` yourself (temp dirs go with it).
 */
export async function startTestCluster(
  t?: Pick<TestContext, 'after'>,
  options: StartTestClusterOptions = {},
): Promise<TestCluster> {
  const scratch = await mkdtemp(join(tmpdir(), 'capstan-cluster-'));
  const dataDir = options.dataDir ?? join(scratch, 'data');
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const { dataDir: _d, signal: _s, ...rest } = options;
  const cluster = await startCluster({ ...rest, dataDir, signal });
  const kubeconfigPath = join(scratch, 'kubeconfig');
  await cluster.writeKubeconfig(kubeconfigPath);
  const close = async () => {
    await cluster.close();
    controller.abort();
    await rm(scratch, { recursive: true, force: true });
  };
  const result: TestCluster = { ...cluster, kubeconfigPath, home: join(scratch, 'home'), close };
  t?.after(close);
  return result;
}

export interface KubectlOptions {
  kubeconfig: string;
  /** HOME for kubectl; use one per cluster so cached discovery never leaks between servers. */
  home: string;
  /** Text fed to stdin (for `-f -`). */
  input?: string;
  /** Default 60 s. */
  timeoutMs?: number;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Where the real kubectl lives (Google Cloud SDK's version dispatcher on our machines). */
export const KUBECTL = process.env['KUBECTL'] ?? '/usr/bin/kubectl';

/**
 * Runs the real kubectl against a cluster: `kubectl(['get', 'pods'], cluster)` (a TestCluster
 * carries `kubeconfigPath` and `home`) or with explicit `{kubeconfig, home}`. Never throws on a
 * non-zero exit: check `code`.
 */
export function kubectl(
  args: string[],
  target: KubectlOptions | (Pick<TestCluster, 'kubeconfigPath' | 'home'> & Partial<KubectlOptions>),
): Promise<KubectlResult> {
  const kubeconfig = 'kubeconfigPath' in target ? target.kubeconfigPath : target.kubeconfig;
  const home = target.home;
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, KUBECONFIG: kubeconfig };
  delete env['KUBECTL_EXTERNAL_DIFF'];
  return new Promise((resolve) => {
    const child = execFile(
      KUBECTL,
      ['--kubeconfig', kubeconfig, '--cache-dir', join(home, '.kube', 'cache'), ...args],
      { env, timeout: target.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ stdout, stderr, code });
      },
    );
    if (target.input !== undefined) child.stdin?.end(target.input);
    else child.stdin?.end();
  });
}
