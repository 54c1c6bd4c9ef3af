// The engine against the embedded cluster, every request counted where the server sees it (a
// counting HTTPS proxy in front of the API server, so Capstan and kubectl are measured the same
// way):
//   - an Argo CD sync of 1,000 objects (ConfigMaps, Secrets, Services), then the same sync again
//     with nothing changed, next to `kubectl apply --server-side -f` of the same objects;
//   - reconciling (server-side diff) 10,000 unchanged objects: the first reconcile's dry-run batch,
//     then a reconcile where nothing changed (target: zero writes, at most one dry-run batch);
//   - the cluster cache's memory per object and its time to sync 10,000 objects.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request as httpsRequest } from 'node:https';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { stringify } from 'yaml';
import type { KubeObject } from '../src/core/index.ts';
import { startCluster } from '../src/cluster/index.ts';
import {
  argoTracker,
  createClusterCache,
  DiffMemo,
  diffResources,
  reconcile,
  runSync,
} from '../src/engine/index.ts';
import { createKubeClient } from '../src/kube/index.ts';
import { kubectl } from '../test/support/cluster.ts';
import type { BenchResult } from './run.ts';
import { fmt, memoryMiB } from './measure.ts';

const SYNC_COUNT = 1000;
const DIFF_COUNT = 10_000;
const tracker = argoTracker();

/** Requests by kind, as the server received them. */
class Counter {
  counts = new Map<string, number>();
  add(req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'https://x');
    const discovery =
      /^\/(api|apis)(\/[^/]+){0,2}$/.test(url.pathname) || url.pathname.startsWith('/openapi');
    let kind = req.method ?? 'GET';
    if (url.searchParams.get('watch') === 'true') kind = 'WATCH';
    else if (discovery) kind = 'DISCOVERY';
    else if (kind === 'PATCH' && (req.headers['content-type'] ?? '').includes('apply-patch')) kind = 'APPLY';
    if (url.searchParams.get('dryRun') === 'All') kind += ' (dry run)';
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }
  take(): Map<string, number> {
    const out = this.counts;
    this.counts = new Map();
    return out;
  }
}

const WRITES = ['POST', 'PUT', 'PATCH', 'APPLY', 'DELETE'];
function summary(counts: Map<string, number>): string {
  const parts = [...counts].sort().map(([k, v]) => `${k} ${fmt(v)}`);
  const writes = [...counts].filter(([k]) => WRITES.includes(k)).reduce((n, [, v]) => n + v, 0);
  return `${parts.join(', ') || 'none'}; writes ${fmt(writes)}`;
}

/** An HTTPS proxy with the cluster's own certificate that counts what passes through. */
async function countingProxy(target: URL, tls: { cert: string; key: string }, counter: Counter) {
  const server = createServer(tls, (req: IncomingMessage, res: ServerResponse) => {
    counter.add(req);
    const upstream = httpsRequest(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
        ca: tls.cert,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

function objects(ns: string, count: number): KubeObject[] {
  return Array.from({ length: count }, (_, i): KubeObject => {
    const name = `obj-${i}`;
    if (i % 4 === 3) {
      return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: ns, labels: { app: name } },
        spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
      };
    }
    if (i % 4 === 2) {
      return {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, namespace: ns },
        type: 'Opaque',
        data: { token: Buffer.from(`secret-${i}`).toString('base64') },
      };
    }
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: ns, labels: { app: name } },
      data: { 'app.properties': `mode=production\nindex=${i}\n`, index: String(i) },
    };
  });
}

const seconds = (ms: number) => `${fmt(ms / 1000, 2)} s`;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after a full collection. */
function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export async function run({ signal }: { signal: AbortSignal }): Promise<BenchResult> {
  const scratch = await mkdtemp(join(tmpdir(), 'capstan-bench-sync-'));
  const stop = new AbortController();
  const lines: string[] = [];
  const cluster = await startCluster({ signal: stop.signal, dataDir: join(scratch, 'data') });
  const counter = new Counter();
  const tls = {
    cert: await readFile(join(scratch, 'data', 'tls', 'server.crt'), 'utf8'),
    key: await readFile(join(scratch, 'data', 'tls', 'server.key'), 'utf8'),
  };
  const proxy = await countingProxy(new URL(cluster.url), tls, counter);
  const kubeconfig = cluster.kubeconfig().replace(`:${cluster.port}`, `:${proxy.port}`);
  const kubeconfigPath = join(scratch, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfig);
  const home = join(scratch, 'home');
  try {
    const client = await createKubeClient({ kubeconfig: { text: kubeconfig }, signal: stop.signal });
    const cache = createClusterCache({ client, signal: stop.signal, trackers: { argocd: tracker } });
    await cache.synced({ signal });
    for (const ns of ['bench-sync', 'bench-kubectl', 'bench-diff'])
      await cluster.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    // The cache's watches are sent after their lists: let them go out before counting.
    await new Promise((r) => setTimeout(r, 1000));
    counter.take();

    // Sync 1,000 objects, then again with nothing changed.
    const sync = () =>
      runSync(
        {
          app: 'bench',
          namespace: 'bench-sync',
          revision: 'r1',
          desired: objects('bench-sync', SYNC_COUNT),
          live: cache.owned({ tracker: 'argocd', owner: 'bench' }),
        },
        { signal, client, reader: cache.reader(), tracker, concurrency: 16 },
      );
    let started = performance.now();
    const first = await sync();
    const firstMs = performance.now() - started;
    if (first.state.phase !== 'Succeeded') throw new Error(first.state.message);
    const firstCounts = counter.take();
    while (cache.owned({ tracker: 'argocd', owner: 'bench' }).length < SYNC_COUNT)
      await new Promise((r) => setTimeout(r, 50));
    started = performance.now();
    const again = await sync();
    const againMs = performance.now() - started;
    const againCounts = counter.take();
    if (again.changeSet.hasChanges()) throw new Error('an unchanged re-sync reported changes');

    const file = join(scratch, 'objects.yaml');
    await writeFile(
      file,
      objects('bench-kubectl', SYNC_COUNT)
        .map((o) => stringify(o))
        .join('---\n'),
    );
    started = performance.now();
    const k1 = await kubectl(['apply', '--server-side', '-f', file], {
      kubeconfig: kubeconfigPath,
      home,
      timeoutMs: 600_000,
    });
    const kubectlMs = performance.now() - started;
    if (k1.code !== 0) throw new Error(k1.stderr);
    const kubectlCounts = counter.take();
    started = performance.now();
    const k2 = await kubectl(['apply', '--server-side', '-f', file], {
      kubeconfig: kubeconfigPath,
      home,
      timeoutMs: 600_000,
    });
    const kubectlAgainMs = performance.now() - started;
    if (k2.code !== 0) throw new Error(k2.stderr);
    const kubectlAgainCounts = counter.take();
    lines.push(
      `sync ${fmt(SYNC_COUNT)} objects: ${seconds(firstMs)}; kubectl apply --server-side: ${seconds(kubectlMs)} (capstan ${fmt(firstMs / kubectlMs, 2)}x kubectl's time)`,
      `  capstan requests: ${summary(firstCounts)}`,
      `  kubectl requests: ${summary(kubectlCounts)}`,
      `sync again, nothing changed: ${seconds(againMs)}; kubectl: ${seconds(kubectlAgainMs)} (${fmt(againMs / kubectlAgainMs, 2)}x)`,
      `  capstan requests: ${summary(againCounts)}`,
      `  kubectl requests: ${summary(kubectlAgainCounts)}`,
    );

    // Drift: how long after a write returns its application hears of it from the cache.
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const sent = performance.now();
      const heard = new Promise<number>((resolve) => {
        const off = cache.subscribe({ app: { tracker: 'argocd', owner: 'bench' } }, (e) => {
          if (e.type === 'modified' && e.key.name === 'obj-0') {
            off();
            resolve(performance.now() - sent);
          }
        });
      });
      await client.patch(
        { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'bench-sync', name: 'obj-0' },
        { type: 'merge', body: { data: { drift: String(i) } } },
        { signal },
      );
      latencies.push(await heard);
    }
    latencies.sort((a, b) => a - b);
    lines.push(
      `drift reaches the application's subscriber ${fmt(latencies[10]!, 1)} ms (median of 20; max ${fmt(latencies[19]!, 1)} ms) after the write was sent (round trip included)`,
    );
    counter.take();

    // 10,000 tracked objects written in-process (not measured), then reconciled.
    const desired = objects('bench-diff', DIFF_COUNT).map((o) => tracker.stamp(o, 'big'));
    started = performance.now();
    for (const o of desired) await cluster.api.create(o);
    while (cache.owned({ tracker: 'argocd', owner: 'big' }).length < DIFF_COUNT)
      await new Promise((r) => setTimeout(r, 50));
    const cacheMs = performance.now() - started;
    // What caching those costs: a second cache of just their kinds, measured around its sync.
    const heapBefore = heapAfterGc();
    const second = createClusterCache({
      client,
      signal: stop.signal,
      kinds: ['ConfigMap', 'Secret', 'Service'],
      children: [],
      namespaces: ['bench-diff'],
      trackers: { argocd: tracker },
    });
    await second.synced({ signal });
    const cacheBytes = heapAfterGc() - heapBefore;
    const cached = second.stats().objects;
    counter.take();
    const memo = new DiffMemo();
    const reconcileOnce = async () => {
      const pairs = reconcile(
        desired,
        cache.owned({ tracker: 'argocd', owner: 'big' }),
        'bench-diff',
        () => true,
      );
      return diffResources(pairs.resources, { signal, client, memo, concurrency: 16 });
    };
    started = performance.now();
    const cold = await reconcileOnce();
    const coldMs = performance.now() - started;
    const coldCounts = counter.take();
    if (cold.status !== 'Synced') throw new Error(`cold reconcile: ${cold.status}`);
    started = performance.now();
    const warm = await reconcileOnce();
    const warmMs = performance.now() - started;
    const warmCounts = counter.take();
    if (warm.status !== 'Synced') throw new Error(`warm reconcile: ${warm.status}`);
    lines.push(
      `reconcile ${fmt(DIFF_COUNT)} unchanged objects, first (server-side diff): ${seconds(coldMs)}, ${cold.batches} dry-run batch of ${fmt(cold.dryRuns)}`,
      `  requests: ${summary(coldCounts)}`,
      `reconcile again, nothing changed: ${seconds(warmMs)}, ${warm.batches} dry-run batches`,
      `  requests: ${summary(warmCounts)}`,
      `cache: ${fmt(cache.stats().objects)} objects in ${cache.stats().kinds} kinds, ${fmt(cache.stats().lists)} lists for ${cache.stats().watches} watches; 10k creates seen ${seconds(cacheMs)} after the first was sent`,
      `cache memory: ${fmt(cacheBytes / 1048576, 1)} MiB for ${fmt(cached)} objects (${fmt(cacheBytes / cached / 1024, 2)} KiB each, managedFields kept aside as text); memo after the reconciles: ${fmt(memo.size)} entries`,
      `memory: rss ${memoryMiB().rss} MiB, heap ${memoryMiB().heap} MiB (this process holds the cluster too)`,
    );
  } finally {
    stop.abort();
    proxy.close();
    await cluster.close();
    await rm(scratch, { recursive: true, force: true });
  }
  return { name: 'engine sync and reconcile against the embedded cluster', lines };
}
