// Server-side apply through the embedded cluster, the way Capstan's engine applies and checks
// drift: applies that change the object (stored, watched) and dry-run applies that change
// nothing, on a ~200-line Deployment, in-process and over HTTP. The HTTP figures stand next to a
// bare node:http server echoing the same body (the ratio is the API server's whole cost: decode,
// merge, managedFields, defaulting, validation, storage); the in-process figures have no HTTP.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import type { KubeObject } from '../src/core/index.ts';
import { startCluster } from '../src/cluster/index.ts';
import type { BenchResult } from './run.ts';
import type { LoadResult, LoadSpec } from './http-load.ts';
import { fmt, memoryMiB, opsPerSecond } from './measure.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 2);
const APPLY = 'application/apply-patch+yaml';
const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment' };

function load(spec: Omit<LoadSpec, 'durationMs'>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-load.ts', import.meta.url), {
      workerData: { ...spec, durationMs: SECONDS * 1000 },
    });
    worker.once('message', (r: LoadResult) => {
      void worker.terminate();
      resolve(r);
    });
    worker.once('error', reject);
  });
}

const perSecond = (r: LoadResult) => (r.requests * 1000) / r.elapsedMs;

/** Answers every request with its own body, as cheaply as node:http can. */
async function echoServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The manifest with a label whose value the load generator makes unique per request. */
function changing(manifest: KubeObject): string {
  const copy = structuredClone(manifest);
  copy.metadata.labels = { ...copy.metadata.labels, 'bench/serial': 'n{{n}}' };
  return JSON.stringify(copy);
}

export async function run({ signal }: { signal: AbortSignal }): Promise<BenchResult> {
  const manifest = parse(
    await readFile(join(import.meta.dirname, 'fixtures', 'deployment-200.yaml'), 'utf8'),
  ) as KubeObject;
  const dir = await mkdtemp(join(tmpdir(), 'capstan-bench-'));
  const cluster = await startCluster({ signal, dataDir: join(dir, 'data'), tls: false });
  const echo = await echoServer();
  const lines: string[] = [];
  try {
    const api = cluster.api;
    const ns = 'bench';
    await api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const config = { ...manifest, metadata: { ...manifest.metadata, namespace: ns } };
    const key = { namespace: ns, name: config.metadata.name ?? '' };
    const applyOptions = { type: 'apply', fieldManager: 'capstan', force: true } as const;
    await api.patch(DEPLOYMENT, key, config, applyOptions);

    // In-process: each apply changes a label's value (as a new image tag would), so each one is
    // a stored write with its watch event.
    let n = 0;
    const applyOnce = () =>
      api.patch(
        DEPLOYMENT,
        key,
        {
          ...config,
          metadata: { ...config.metadata, labels: { ...config.metadata.labels, serial: `n${n++}` } },
        },
        applyOptions,
      );
    for (let i = 0; i < 200; i++) await applyOnce();
    const applies = await opsPerSecond(applyOnce, SECONDS * 1000);
    // Dry runs are drift checks of an object that has not drifted: the live object is what the
    // configuration says, so each one is a no-op that must return the live object.
    await api.patch(DEPLOYMENT, key, config, applyOptions);
    const rv = api.resourceVersion;
    const dryRun = () => api.patch(DEPLOYMENT, key, config, { ...applyOptions, dryRun: true });
    for (let i = 0; i < 200; i++) await dryRun();
    const dryRuns = await opsPerSecond(dryRun, SECONDS * 1000);
    if (api.resourceVersion !== rv) throw new Error('dry runs must not write');
    lines.push(
      `in-process SSA applies (each one a stored change): ${fmt(applies.perSecond)}/s; dry-run applies: ${fmt(dryRuns.perSecond)}/s (target ≥ 1,000/s)`,
    );

    // Over HTTP, 8 connections: no-op dry runs, then applies that change a label each time.
    const path = `/apis/apps/v1/namespaces/${ns}/deployments/${key.name}?fieldManager=capstan&force=true`;
    const dryBody = JSON.stringify(config);
    const httpDry = await load({
      url: cluster.url,
      token: cluster.token,
      method: 'PATCH',
      path: `${path}&dryRun=All`,
      body: dryBody,
      contentType: APPLY,
      concurrency: 8,
    });
    if (api.resourceVersion !== rv) throw new Error('dry runs must not write');
    const body = changing(config);
    const httpApplies = await load({
      url: cluster.url,
      token: cluster.token,
      method: 'PATCH',
      path,
      body,
      contentType: APPLY,
      concurrency: 8,
    });
    const ref = await load({
      url: echo.url,
      token: '',
      method: 'PATCH',
      path: '/',
      body,
      contentType: APPLY,
      concurrency: 8,
    });
    lines.push(
      `SSA applies over HTTP: ${fmt(perSecond(httpApplies))}/s (${httpApplies.failures} failed); dry-run applies: ${fmt(perSecond(httpDry))}/s (${httpDry.failures} failed)`,
      `bare node:http echo of the same body: ${fmt(perSecond(ref))}/s; ratios ${fmt(perSecond(httpApplies) / perSecond(ref), 2)} (applies), ${fmt(perSecond(httpDry) / perSecond(ref), 2)} (dry runs)`,
    );
    const mem = memoryMiB();
    lines.push(
      `memory after: rss ${mem.rss} MiB, heap ${mem.heap} MiB (${fmt(Number(api.resourceVersion))} writes stored)`,
    );
  } finally {
    echo.server.close();
    await cluster.close();
    await rm(dir, { recursive: true, force: true });
  }
  return {
    name: `Server-side apply through the embedded cluster (${manifest.spec ? '197' : '?'}-line Deployment)`,
    lines,
  };
}
