// The simulated control plane under load: 1000 Deployments × 2 replicas created at once through
// the in-process API until every one is Available (ReplicaSets, Pods, scheduling, kubelet
// status, Events), with the server's peak memory. The reference, run side by side, is a cluster
// without controllers taking the same number of raw creates (Deployments, ReplicaSets, Pods):
// the ratio is what simulating the control loops costs over just storing their objects.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type ClusterOptions, type RunningCluster } from '../src/cluster/index.ts';
import type { KubeObject } from '../src/core/index.ts';
import type { BenchResult } from './run.ts';
import { fmt, memoryMiB } from './measure.ts';

const DEPLOYMENTS = Number(process.env['BENCH_DEPLOYMENTS'] ?? 1000);
const REPLICAS = 2;
const NAMESPACES = 10;

const template = (name: string) => ({
  metadata: { labels: { app: name } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
});
const deployment = (ns: string, name: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns },
  spec: { replicas: REPLICAS, selector: { matchLabels: { app: name } }, template: template(name) },
});

async function withCluster<T>(
  options: Partial<ClusterOptions>,
  fn: (c: RunningCluster) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'capstan-bench-workloads-'));
  const controller = new AbortController();
  const cluster = await startCluster({ signal: controller.signal, dataDir: dir, tls: false, ...options });
  try {
    return await fn(cluster);
  } finally {
    await cluster.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function namespaces(c: RunningCluster): Promise<string[]> {
  const names = Array.from({ length: NAMESPACES }, (_, i) => `bench-${i}`);
  for (const name of names) await c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return names;
}

/** Samples RSS while `fn` runs; returns its result, the time it took and the peak. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakRss: number }> {
  let peak = memoryMiB().rss;
  const timer = setInterval(() => (peak = Math.max(peak, memoryMiB().rss)), 100);
  const start = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - start, peakRss: Math.max(peak, memoryMiB().rss) };
  } finally {
    clearInterval(timer);
  }
}

const available = (d: KubeObject) => {
  const s = (d.status ?? {}) as {
    availableReplicas?: number;
    conditions?: { type: string; status: string }[];
  };
  return (
    s.availableReplicas === REPLICAS &&
    s.conditions?.some((c) => c.type === 'Available' && c.status === 'True')
  );
};

async function simulated(): Promise<{
  ms: number;
  peakRss: number;
  writes: number;
  firstReadyMs: number;
  coldMs: number;
}> {
  return withCluster({}, async (c) => {
    // One Deployment on an idle cluster: the latency a user sees (podStartDelayMs is 200). The
    // first one after start also waits for the controllers' caches to fill.
    const toAvailable = async (name: string) => {
      const t0 = performance.now();
      await c.api.create(deployment('default', name));
      const type = { apiVersion: 'apps/v1', kind: 'Deployment' };
      while (!available(await c.api.get(type, { namespace: 'default', name })))
        await new Promise((r) => setTimeout(r, 5));
      return performance.now() - t0;
    };
    const coldMs = await toAvailable('first');
    const firstReadyMs = await toAvailable('probe');
    const ns = await namespaces(c);
    global.gc?.();
    const rv0 = Number(c.api.resourceVersion);
    const { ms, peakRss } = await measured(async () => {
      for (let i = 0; i < DEPLOYMENTS; i++) await c.api.create(deployment(ns[i % NAMESPACES]!, `app-${i}`));
      for (;;) {
        const list = await c.api.list({ apiVersion: 'apps/v1', kind: 'Deployment' });
        if (list.items.filter(available).length >= DEPLOYMENTS + 2) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    return { ms, peakRss, writes: Number(c.api.resourceVersion) - rv0, firstReadyMs, coldMs };
  });
}

async function raw(): Promise<{ ms: number; peakRss: number; writes: number }> {
  return withCluster({ controllers: false, garbageCollector: false }, async (c) => {
    const ns = await namespaces(c);
    global.gc?.();
    const rv0 = Number(c.api.resourceVersion);
    const { ms, peakRss } = await measured(async () => {
      for (let i = 0; i < DEPLOYMENTS; i++) {
        const n = ns[i % NAMESPACES]!;
        const name = `app-${i}`;
        await c.api.create(deployment(n, name));
        await c.api.create({
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { name: `${name}-5d4f8c7b9`, namespace: n },
          spec: { replicas: REPLICAS, selector: { matchLabels: { app: name } }, template: template(name) },
        });
        for (let r = 0; r < REPLICAS; r++)
          await c.api.create({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: `${name}-5d4f8c7b9-${r}`, namespace: n },
            spec: template(name).spec,
          });
      }
    });
    return { ms, peakRss, writes: Number(c.api.resourceVersion) - rv0 };
  });
}

export async function run(): Promise<BenchResult> {
  const base = memoryMiB().rss;
  // The reference first, so the simulated run's peak is not inflated by its leftovers.
  const ref = await raw();
  global.gc?.();
  const sim = await simulated();
  return {
    name: `cluster workloads: ${DEPLOYMENTS} Deployments × ${REPLICAS} replicas to Available (in-process API)`,
    lines: [
      `one Deployment (2 replicas) to Available on an idle cluster: ${fmt(sim.firstReadyMs)} ms (podStartDelayMs 200; the first after start: ${fmt(sim.coldMs)} ms)`,
      `simulated: ${fmt(sim.ms / 1000, 1)} s, ${fmt(sim.writes)} writes (${fmt((sim.writes * 1000) / sim.ms)}/s), peak RSS ${fmt(sim.peakRss)} MiB (process started at ${fmt(base)} MiB)`,
      `reference, the ${fmt(DEPLOYMENTS * (2 + REPLICAS))} objects created raw without controllers: ${fmt(ref.ms / 1000, 1)} s, ${fmt(ref.writes)} writes, peak RSS ${fmt(ref.peakRss)} MiB`,
      `ratio simulated / raw: ${fmt(sim.ms / ref.ms, 1)}× the time for ${fmt(sim.writes / ref.writes, 1)}× the writes`,
    ],
  };
}
