// Flux controllers at scale, as fluxcd/flux-benchmark measures them: N Kustomizations (4 objects
// each: ServiceAccount, ConfigMap, Service, Deployment) from one GitRepository, timed from their
// creation until every one is Ready at the revision. The embedded cluster runs in a child process
// (`capstan cluster serve`) so that the controllers' peak memory is measured on their own.
// Reference: Flux's published figure, 1000 Kustomizations in 4m13s on a 16-core GitHub runner.
// Sizes: FLUX_BENCH_SIZES (default "100,1000").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../src/core/index.ts';
import { installCrds, startFluxControllers } from '../src/controllers/flux/index.ts';
import { createClusterCache, fluxTracker } from '../src/engine/index.ts';
import { createKubeClient } from '../src/kube/index.ts';
import { createGitSource } from '../src/source/index.ts';
import { createRepo, startHttpGitServer, tempDir } from '../test/support/git-servers.ts';
import { serveProcess } from '../test/support/serve-process.ts';
import { fmt } from './measure.ts';
import type { BenchResult } from './run.ts';

function app(i: number): Record<string, string> {
  const n = `app-${i}`;
  return {
    [`apps/${n}/sa.yaml`]: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${n}\n`,
    [`apps/${n}/cm.yaml`]: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${n}\ndata:\n  index: "${i}"\n`,
    [`apps/${n}/svc.yaml`]: `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${n}\nspec:\n  selector:\n    app: ${n}\n  ports:\n    - port: 80\n      targetPort: 8080\n`,
    [`apps/${n}/deploy.yaml`]: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${n}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: ${n}\n  template:\n    metadata:\n      labels:\n        app: ${n}\n    spec:\n      serviceAccountName: ${n}\n      containers:\n        - name: app\n          image: ghcr.io/stefanprodan/podinfo:6.7.0\n`,
  };
}

function peakOf(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

async function measure(n: number, outer: AbortSignal): Promise<string> {
  const root = tempDir('capstan-flux-bench-');
  const stop = new AbortController();
  const signal = AbortSignal.any([outer, stop.signal]);
  const server = await serveProcess([
    '--data-dir',
    join(root, 'data'),
    '--kubeconfig',
    join(root, 'kubeconfig'),
  ]);
  const git = await startHttpGitServer({ root: join(root, 'git') });
  try {
    const repo = createRepo(join(root, 'git'), 'fleet');
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) Object.assign(files, app(i));
    const revision = `main@sha1:${repo.commit(files, 'fleet')}`;
    const client = await createKubeClient({ kubeconfig: { path: server.kubeconfigPath }, signal });
    await installCrds(client, { signal });
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } }, { signal });
    const cache = createClusterCache({ client, signal, trackers: { flux: fluxTracker() } });
    await cache.synced({ signal });
    const sources = createGitSource({ cacheDir: join(root, 'cache'), storageDir: join(root, 'storage') });
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    const flux = await startFluxControllers({ signal, client, cache, sources, workDir: join(root, 'work') });
    await client.create(
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'fleet', namespace: 'bench' },
        spec: { url: git.url('fleet'), interval: '60m', ref: { branch: 'main' } },
      },
      { signal },
    );
    const readyOf = (o: KubeObject) => {
      const s = (o['status'] ?? {}) as {
        conditions?: { type: string; status: string }[];
        lastAppliedRevision?: string;
        artifact?: { revision: string };
      };
      return (
        s.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true &&
        (s.lastAppliedRevision ?? s.artifact?.revision) === revision
      );
    };
    for (;;) {
      const g = await client.get(
        {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'GitRepository',
          namespace: 'bench',
          name: 'fleet',
        },
        { signal },
      );
      if (g && readyOf(g)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      await client.create(
        {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          metadata: { name: `app-${i}`, namespace: 'bench' },
          spec: {
            interval: '60m',
            prune: true,
            path: `./apps/app-${i}`,
            targetNamespace: 'bench',
            sourceRef: { kind: 'GitRepository', name: 'fleet' },
          },
        },
        { signal },
      );
    }
    let ready = 0;
    while (ready < n) {
      await new Promise((r) => setTimeout(r, 500));
      const list = await client.list(
        { group: 'kustomize.toolkit.fluxcd.io', version: 'v1', kind: 'Kustomization' },
        { signal, namespace: 'bench' },
      );
      ready = list.items.filter(readyOf).length;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const clusterPeak = peakOf(server.child.pid);
    await flux.close();
    const mins = Math.floor(seconds / 60);
    return `${fmt(n)} Kustomizations (${fmt(4 * n)} objects): all Ready in ${mins}m${(seconds % 60).toFixed(1)}s (${fmt(n / seconds, 1)}/s); controllers' process peak RSS ${fmt(peakRss / 1048576)} MiB (+${fmt((peakRss - baseRss) / 1048576)} over the start); cluster process peak ${fmt(clusterPeak)} MiB`;
  } finally {
    stop.abort();
    server.child.kill('SIGTERM');
    await server.exited;
    await git.stop();
  }
}

export async function run({ signal }: { signal: AbortSignal }): Promise<BenchResult> {
  const sizes = (process.env['FLUX_BENCH_SIZES'] ?? '100,1000').split(',').map(Number);
  const lines = [];
  for (const n of sizes) lines.push(await measure(n, signal));
  lines.push("Flux's published figure: 1,000 Kustomizations in 4m13s on a 16-core runner (flux-benchmark)");
  return { name: 'flux: Kustomizations from one GitRepository', lines };
}
