/**
 * Test support for end-to-end suites that need a Kubernetes API: the embedded cluster on a temp
 * data dir and a free port, and the real kubectl with an isolated HOME. Other suites import these;
 * keep them small and stable.
 *
 *   const cluster = await startTestCluster(t);
 *   const r = await kubectl(['get', 'ns'], cluster);
 *   assert.equal(r.code, 0, r.stderr);
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
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
  /** Extra environment, e.g. `EDITOR` for `kubectl edit`. */
  env?: Record<string, string>;
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
  target:
    | KubectlOptions
    | (Pick<TestCluster, 'kubeconfigPath' | 'home'> & Omit<Partial<KubectlOptions>, 'kubeconfig'>),
): Promise<KubectlResult> {
  const kubeconfig = 'kubeconfigPath' in target ? target.kubeconfigPath : target.kubeconfig;
  const home = target.home;
  const env: NodeJS.ProcessEnv = { ...process.env, ...target.env, HOME: home, KUBECONFIG: kubeconfig };
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

/** kubectl as one user of `cluster`, with a HOME of its own so cached discovery never crosses tests. */
export function kubectlUser(cluster: Pick<TestCluster, 'kubeconfigPath' | 'home'>, name: string) {
  const home = join(cluster.home, name);
  const run = (args: string[], input?: string, env?: Record<string, string>): Promise<KubectlResult> =>
    kubectl(args, {
      kubeconfig: cluster.kubeconfigPath,
      home,
      ...(input !== undefined ? { input } : {}),
      ...(env ? { env } : {}),
    });
  /** Output of a command that must succeed; a failure asserts with kubectl's words. */
  const ok = async (args: string[], input?: string, env?: Record<string, string>): Promise<string> => {
    const r = await run(args, input, env);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}\n${r.stdout}${r.stderr}`);
    return r.stdout;
  };
  /** stderr of a command that must fail. */
  const fails = async (args: string[], input?: string): Promise<string> => {
    const r = await run(args, input);
    assert.notEqual(r.code, 0, `kubectl ${args.join(' ')} should fail\n${r.stdout}`);
    return r.stderr;
  };
  return { home, run, ok, fails };
}

export interface ApiRequestOptions {
  body?: unknown;
  /** Content-Type of the body; `application/json` by default. */
  contentType?: string;
  accept?: string;
  /** Bearer token; the cluster's own by default, `null` to send none. */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
}

/**
 * One raw HTTP(S) request to the cluster (trusting its CA), for tests that check exactly what
 * goes over the wire. Resolves for every status code.
 */
export function apiRequest(
  cluster: Pick<RunningCluster, 'url' | 'token' | 'ca'>,
  method: string,
  path: string,
  options: ApiRequestOptions = {},
): Promise<ApiResponse> {
  const { req, done } = openRequest(cluster, method, path, options);
  return new Promise((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    done();
  });
}

/** An open watch: its response headers and the events as they arrive. */
export interface WatchConnection<T = Record<string, unknown>> {
  status: number;
  headers: IncomingHttpHeaders;
  /** Resolves with the next event, or undefined once the stream has ended. */
  next(timeoutMs?: number): Promise<{ type: string; object: T } | undefined>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a watch (`path` should carry `watch=true`) and parses its newline-delimited events. */
export function openWatch<T = Record<string, unknown>>(
  cluster: Pick<RunningCluster, 'url' | 'token' | 'ca'>,
  path: string,
  options: ApiRequestOptions = {},
): Promise<WatchConnection<T>> {
  const { req, done } = openRequest(cluster, 'GET', path, options);
  return new Promise((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const queue: ({ type: string; object: T } | undefined)[] = [];
      const waiters: ((e: { type: string; object: T } | undefined) => void)[] = [];
      let buffer = '';
      let finished = false;
      const push = (e: { type: string; object: T } | undefined) => {
        const w = waiters.shift();
        if (w) w(e);
        else queue.push(e);
      };
      const ended = new Promise<void>((resolveEnd) => {
        const finish = () => {
          if (finished) return;
          finished = true;
          push(undefined);
          resolveEnd();
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim()) push(JSON.parse(line) as { type: string; object: T });
        }
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        ended,
        next(timeoutMs = 5000) {
          const queued = queue.length > 0 ? queue.shift() : finished ? undefined : null;
          if (queued !== null) return Promise.resolve(queued);
          return new Promise((resolveNext, rejectNext) => {
            const timer = setTimeout(
              () => rejectNext(new Error(`no watch event within ${timeoutMs} ms`)),
              timeoutMs,
            );
            waiters.push((e) => {
              clearTimeout(timer);
              resolveNext(e);
            });
          });
        },
        close: () => req.destroy(),
      });
    });
    done();
  });
}

function openRequest(
  cluster: Pick<RunningCluster, 'url' | 'token' | 'ca'>,
  method: string,
  path: string,
  options: ApiRequestOptions,
): { req: ClientRequest; done: () => void } {
  const url = new URL(path, cluster.url);
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? cluster.token : options.token;
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  if (options.accept) headers['Accept'] = options.accept;
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] = options.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  const req =
    url.protocol === 'https:'
      ? httpsRequest(url, { method, headers, ...(cluster.ca ? { ca: cluster.ca } : {}) })
      : httpRequest(url, { method, headers });
  return { req, done: () => req.end(payload) };
}
