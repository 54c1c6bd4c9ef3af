// The embedded cluster's speed and memory, each figure next to a reference measured in the same
// run: GETs and creates against a bare node:http server answering the same bytes (the ratio is
// the API server's overhead), LIST of 10k objects against sending the same JSON, and watch
// fan-out to 100 watchers. Load comes from a worker thread so client and server each have a core.
import { createServer, request, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { startCluster, type RunningCluster } from '../src/cluster/index.ts';
import type { BenchResult } from './run.ts';
import type { LoadResult, LoadSpec } from './http-load.ts';
import { fmt, memoryMiB } from './measure.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 2);

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

/** A bare node:http server that answers every GET with `json` and every POST with its body. */
async function bareServer(json: () => string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
        res.end(body);
      });
      return;
    }
    const body = json();
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
    });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function get(
  cluster: RunningCluster,
  path: string,
  accept = 'application/json',
): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(
      new URL(path, cluster.url),
      { headers: { Authorization: `Bearer ${cluster.token}`, Accept: accept } },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ ms: performance.now() - start, bytes }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function median(times: number, fn: () => Promise<number>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < times; i++) xs.push(await fn());
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)]!;
}

export async function run({ signal }: { signal: AbortSignal }): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'capstan-bench-'));
  const cluster = await startCluster({
    signal,
    dataDir: join(dir, 'data'),
    tls: false,
    watchHistory: 200_000,
  });
  const lines: string[] = [];
  try {
    const api = cluster.api;
    await api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
    const sample = await api.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'sample', namespace: 'bench', labels: { app: 'bench' } },
      data: { 'config.yaml': 'replicas: 3\nimage: nginx:1.27\n'.repeat(10) },
    });
    const sampleJson = JSON.stringify(sample);

    // GET of one object.
    const bare = await bareServer(() => sampleJson);
    const concurrency = 32;
    const ours = await load({
      url: cluster.url,
      token: cluster.token,
      method: 'GET',
      path: '/api/v1/namespaces/bench/configmaps/sample',
      concurrency,
    });
    const ref = await load({ url: bare.url, token: '', method: 'GET', path: '/', concurrency });
    lines.push(
      `GET one object: ${fmt(perSecond(ours))}/s (${ours.failures} failed); bare node:http ${fmt(perSecond(ref))}/s; ratio ${fmt(perSecond(ours) / perSecond(ref), 2)} (target ≥ 5,000/s)`,
    );
    const getStart = performance.now();
    const GETS = 20_000;
    for (let i = 0; i < GETS; i++)
      await api.get({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'bench', name: 'sample' });
    lines.push(`GET in-process (no HTTP): ${fmt((GETS * 1000) / (performance.now() - getStart))}/s`);

    // Creates over HTTP, and through the in-process API.
    const createBody = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c-{{n}}' },
      data: { k: 'v' },
    });
    const creates = await load({
      url: cluster.url,
      token: cluster.token,
      method: 'POST',
      path: '/api/v1/namespaces/bench/configmaps',
      body: createBody,
      concurrency: 16,
    });
    const bareCreates = await load({
      url: bare.url,
      token: '',
      method: 'POST',
      path: '/',
      body: createBody,
      concurrency: 16,
    });
    bare.server.close();
    lines.push(
      `creates over HTTP: ${fmt(perSecond(creates))}/s (${creates.failures} failed; durable in SQLite before each answer); bare echo ${fmt(perSecond(bareCreates))}/s; ratio ${fmt(perSecond(creates) / perSecond(bareCreates), 2)} (target ≥ 1,000/s)`,
    );
    const inProcStart = performance.now();
    const N = 2000;
    for (let i = 0; i < N; i++)
      await api.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `p-${i}`, namespace: 'bench' },
        data: { k: 'v' },
      });
    lines.push(`creates in-process: ${fmt((N * 1000) / (performance.now() - inProcStart))}/s`);

    // LIST of 10k objects.
    await api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'big' } });
    for (let i = 0; i < 10_000; i++) {
      await api.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: `item-${String(i).padStart(5, '0')}`,
          namespace: 'big',
          labels: { i: String(i % 10) },
        },
        data: { value: `v${i}` },
      });
    }
    const list = await get(cluster, '/api/v1/namespaces/big/configmaps');
    const listJson = JSON.stringify(
      await api.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'big' }),
    );
    const bareList = await bareServer(() => listJson);
    const listMs = await median(5, async () => (await get(cluster, '/api/v1/namespaces/big/configmaps')).ms);
    const refMs = await median(
      5,
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          request(bareList.url, (res) =>
            res.resume().on('end', () => resolve(performance.now() - start)),
          ).end();
        }),
    );
    bareList.server.close();
    const selectedMs = await median(
      5,
      async () => (await get(cluster, '/api/v1/namespaces/big/configmaps?labelSelector=i%3D3')).ms,
    );
    const tableMs = await median(
      3,
      async () =>
        (
          await get(
            cluster,
            '/api/v1/namespaces/big/configmaps',
            'application/json;as=Table;v=v1;g=meta.k8s.io',
          )
        ).ms,
    );
    const pageMs = await median(
      5,
      async () => (await get(cluster, '/api/v1/namespaces/big/configmaps?limit=500')).ms,
    );
    lines.push(
      `LIST 10k objects (${fmt(list.bytes / 1048576, 1)} MiB): ${fmt(listMs, 1)} ms; the same bytes from bare node:http ${fmt(refMs, 1)} ms; ratio ${fmt(listMs / refMs, 2)}`,
    );
    lines.push(
      `LIST 10k with a label selector (1k match): ${fmt(selectedMs, 1)} ms; as a Table (kubectl get): ${fmt(tableMs, 1)} ms; first page of 500: ${fmt(pageMs, 1)} ms`,
    );
    const afterLoad = memoryMiB();
    lines.push(
      `memory with ${fmt(Number(cluster.api.resourceVersion))} writes and ~12k objects stored: rss ${afterLoad.rss} MiB, heap ${afterLoad.heap} MiB`,
    );

    // Watch fan-out: 100 HTTP watchers, 1,000 changes.
    const watchers = 100;
    const changes = 1000;
    const rv = cluster.api.resourceVersion;
    let remaining = watchers * changes;
    let allDone!: () => void;
    const done = new Promise<void>((r) => (allDone = r));
    const streams: { destroy(): void }[] = [];
    await Promise.all(
      Array.from(
        { length: watchers },
        () =>
          new Promise<void>((resolve) => {
            const req = request(
              new URL(`/api/v1/namespaces/bench/configmaps?watch=true&resourceVersion=${rv}`, cluster.url),
              {
                headers: { Authorization: `Bearer ${cluster.token}` },
              },
            );
            req.on('response', (res) => {
              resolve();
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => {
                for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) {
                  if (--remaining === 0) allDone();
                }
              });
            });
            req.end();
            streams.push(req);
          }),
      ),
    );
    const watchStart = performance.now();
    for (let i = 0; i < changes; i++) {
      await api.patch(
        { apiVersion: 'v1', kind: 'ConfigMap' },
        { namespace: 'bench', name: 'sample' },
        { data: { n: String(i) } },
        { type: 'merge' },
      );
    }
    const writesMs = performance.now() - watchStart;
    await done;
    const fanoutMs = performance.now() - watchStart;
    for (const s of streams) s.destroy();
    lines.push(
      `watch fan-out: ${changes} changes to ${watchers} watchers = ${fmt(watchers * changes)} events in ${fmt(fanoutMs)} ms (${fmt((watchers * changes * 1000) / fanoutMs)} events/s; the writes alone took ${fmt(writesMs)} ms)`,
    );
    const end = memoryMiB();
    lines.push(`memory at the end: rss ${end.rss} MiB, heap ${end.heap} MiB`);
  } finally {
    await cluster.close();
    await rm(dir, { recursive: true, force: true });
  }
  return {
    name: 'Embedded cluster (plain HTTP; load from a worker thread, 32 connections for GET, 16 for creates)',
    lines,
  };
}
