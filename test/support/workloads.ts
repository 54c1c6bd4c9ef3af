/**
 * Helpers for suites that drive the simulated workloads of the embedded cluster with kubectl:
 * a kubectl bound to one test's namespace and HOME, polling until the cluster shows a state,
 * and small manifest builders.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { kubectl, type KubectlResult, type TestCluster } from './cluster.ts';

export interface NamespacedKubectl {
  ns: string;
  /** Runs kubectl in the namespace; never throws. */
  run(args: string[], input?: string): Promise<KubectlResult>;
  /** Runs kubectl in the namespace and asserts it succeeded; returns stdout. */
  ok(args: string[], input?: string): Promise<string>;
  /** `kubectl get … -o json`, parsed. */
  json<T = Record<string, unknown>>(args: string[]): Promise<T>;
  /** Applies (creates or replaces) YAML documents. */
  create(...docs: object[]): Promise<string>;
}

/** A kubectl for one test: its own namespace (created here unless `create` is false) and HOME. */
export async function namespaced(
  cluster: TestCluster,
  ns: string,
  options: { create?: boolean } = {},
): Promise<NamespacedKubectl> {
  const home = join(cluster.home, ns);
  const run = (args: string[], input?: string) =>
    kubectl(['-n', ns, ...args], {
      kubeconfig: cluster.kubeconfigPath,
      home,
      ...(input !== undefined ? { input } : {}),
    });
  const ok = async (args: string[], input?: string) => {
    const r = await run(args, input);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}\n${r.stdout}${r.stderr}`);
    return r.stdout;
  };
  if (options.create !== false) await ok(['create', 'namespace', ns]);
  return {
    ns,
    run,
    ok,
    json: async <T>(args: string[]) => JSON.parse(await ok([...args, '-o', 'json'])) as T,
    create: (...docs: object[]) => ok(['create', '-f', '-'], docs.map((d) => stringify(d)).join('---\n')),
  };
}

/**
 * Polls `probe` until it returns a value other than undefined/false, or fails with the last
 * value seen after `timeoutMs`.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last: ${String(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The rows of a kubectl table (header dropped), cells split on runs of 2+ spaces. */
export function tableRows(output: string): string[][] {
  return output
    .trim()
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s{2,}/));
}

export function deployment(name: string, image: string, replicas = 2, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image, ports: [{ name: 'http', containerPort: 8080 }] }] },
      },
      ...extra,
    },
  };
}

export function job(name: string, image: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image }] } },
    },
  };
}

export { stringify as yaml };
