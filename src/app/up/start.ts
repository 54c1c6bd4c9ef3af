/**
 * `startCapstan`: the whole product in one process. The embedded cluster on a free port, the
 * CRDs, the control-plane bootstrap (admin password, signing key), one shared KubeClient,
 * ClusterCache and GitSource, the Argo CD and Flux controllers, the API server and UI on
 * `port`, then the demo and a stored CLI context. Everything lives in `dataDir`, so a second
 * start on the same dir resumes: same cluster contents, password, repository and applications.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CapstanError, childController, errorMessage } from '../../core/index.ts';
import { KUBERNETES_VERSION, startCluster, type RunningCluster } from '../../cluster/index.ts';
import { installCrds as installArgoCrds } from '../../controllers/argocd/index.ts';
import { installCrds as installFluxCrds } from '../../controllers/flux/index.ts';
import { argoTracker, createClusterCache, fluxTracker, type ClusterCache } from '../../engine/index.ts';
import { createKubeClient, type KubeClient } from '../../kube/index.ts';
import {
  createMetrics,
  createServer,
  defaultServerOptions,
  metricsSink,
  type CapstanServer,
} from '../../server/index.ts';
import { createGitSource } from '../../source/index.ts';
import { saveCliContext } from '../cli-config.ts';
import { ensureDemoRepository } from '../demo/repository.ts';
import { applyDemo } from './demo.ts';
import { adminPassword, bootstrapControlPlane } from './bootstrap.ts';
import { startControllers, type RunningControllers } from './controllers.ts';
import { fluxTree } from './flux-tree.ts';
import { gitRequestMetrics, timedGitSource } from './git-metrics.ts';
import { kubeProjectSource } from './kube-projects.ts';
import { kubeSettingsSource } from './kube-settings.ts';
import { defaultCapstanOptions, type CapstanOptions } from './options.ts';
import { loginAsAdmin } from './login.ts';
import { scheduleSourceGc } from './source-gc.ts';

export interface RunningCapstan {
  /** The API server and UI, `http://127.0.0.1:8080`. */
  url: string;
  /** The embedded cluster's API. */
  clusterUrl: string;
  kubeconfigPath: string;
  adminPasswordPath: string;
  /** The demo repository (a working tree), when the demo is on. */
  demoRepository: string | undefined;
  client: KubeClient;
  cache: ClusterCache;
  server: CapstanServer;
  /** Stops the server, controllers, cache and cluster, in that order. Idempotent. */
  close(): Promise<void>;
}

export async function startCapstan(
  options: Partial<CapstanOptions> & Pick<CapstanOptions, 'signal'>,
): Promise<RunningCapstan> {
  const o: CapstanOptions = { ...defaultCapstanOptions, ...options };
  const dataDir = resolve(o.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const life = childController(o.signal);
  const signal = life.signal;
  const log = o.logger;
  const stops: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      for (const stop of stops.reverse()) {
        await stop().catch((err: unknown) => log.warn('stopping failed', { error: errorMessage(err) }));
      }
      life.abort();
    })());
  signal.addEventListener('abort', () => void close(), { once: true });

  try {
    const cluster: RunningCluster = await startCluster({
      signal,
      dataDir: join(dataDir, 'cluster'),
      logger: log,
    });
    stops.push(() => cluster.close());
    const kubeconfigPath = join(dataDir, 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfigPath);
    const client = await createKubeClient({ kubeconfig: { text: cluster.kubeconfig() }, signal });
    await installArgoCrds(client, { signal });
    await installFluxCrds(client, { signal });
    const adminPasswordPath = join(dataDir, 'admin-password');
    const password = await adminPassword(adminPasswordPath);
    await bootstrapControlPlane({
      client,
      namespace: o.argoNamespace,
      extraNamespaces: [o.fluxNamespace],
      password,
      signal,
    });

    const cacheLife = new AbortController();
    signal.addEventListener('abort', () => cacheLife.abort(), { once: true });
    const cache = createClusterCache({
      client,
      signal: cacheLife.signal,
      trackers: { argocd: argoTracker(), flux: fluxTracker() },
      logger: log.child({ component: 'cache' }),
    });
    stops.push(() => Promise.resolve(cacheLife.abort()));
    await cache.synced({ signal });
    await cache.ensureKinds(['argoproj.io/Application', 'argoproj.io/AppProject'], { signal });

    const metrics = createMetrics({
      version: defaultServerOptions.version.Version,
      applications: () => cache.list({ groupKind: 'argoproj.io/Application' }),
      fluxObjects: () => [
        ...cache.list({ groupKind: 'source.toolkit.fluxcd.io/GitRepository' }),
        ...cache.list({ groupKind: 'kustomize.toolkit.fluxcd.io/Kustomization' }),
      ],
    });
    const sink = metricsSink(metrics);
    const started: { controllers?: RunningControllers } = {};
    const server = createServer({
      host: o.host,
      port: o.port,
      uiDir: o.uiDir,
      controlNamespace: o.argoNamespace,
      settings: kubeSettingsSource({ client, cache, namespace: o.argoNamespace }),
      projects: kubeProjectSource({ client, cache, namespace: o.argoNamespace }),
      metrics,
      log: log.child({ component: 'server' }),
      version: {
        ...defaultServerOptions.version,
        KubeVersion: `v${KUBERNETES_VERSION.major}.${KUBERNETES_VERSION.minor}.${KUBERNETES_VERSION.patch}`,
      },
      health: async (s) => {
        try {
          await client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' }, { signal: s });
          return { ok: true };
        } catch (err) {
          return { ok: false, reason: errorMessage(err) };
        }
      },
      kube: { client, cache },
      artifactFile: (path) => started.controllers?.artifactFile(path),
      fluxTree: fluxTree(cache),
      gitRoot: o.demo ? join(dataDir, 'git') : undefined,
      argocd: () => started.controllers?.argocd,
    });
    const url = await server.listen({ signal }).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      throw new CapstanError(`${o.host}:${o.port}: the port is in use; pass --port (0 picks a free one)`, {
        code: 'PortInUse',
        cause: err,
      });
    });
    stops.push(() => server.close());

    const sources = timedGitSource(
      createGitSource({
        cacheDir: join(dataDir, 'git-cache'),
        storageDir: join(dataDir, 'artifacts'),
        artifactBaseUrl: `${url}/artifacts`,
        logger: log.child({ component: 'source' }),
        onGitRequest: gitRequestMetrics(metrics),
        ...(o.artifactRetention ? { retention: o.artifactRetention } : {}),
      }),
      sink,
    );
    const running = await startControllers({
      signal,
      client,
      cache,
      sources,
      argoNamespace: o.argoNamespace,
      artifactBaseUrl: `${url}/artifacts`,
      clusterServerUrl: cluster.url,
      workDir: join(dataDir, 'work'),
      logger: log,
      metrics: sink,
    });
    started.controllers = running;
    stops.splice(stops.length - 1, 0, () => running.close());
    scheduleSourceGc({
      sources,
      cache,
      intervalMs: o.sourceGcIntervalMs,
      signal,
      logger: log.child({ component: 'source' }),
    });

    let demoRepository: string | undefined;
    if (o.demo) {
      demoRepository = join(dataDir, 'git', 'demo');
      await ensureDemoRepository(demoRepository, signal);
      const repoUrl = `${url}/git/demo`;
      await applyDemo({
        client,
        repoUrl,
        argoNamespace: o.argoNamespace,
        fluxNamespace: o.fluxNamespace,
        signal,
      });
    }
    if (o.storeCliContext) {
      const token = await loginAsAdmin(url, password, signal);
      await saveCliContext(
        'capstan-up',
        { server: url, token, username: 'admin', kubeconfig: kubeconfigPath },
        o.cliConfigPath,
      );
    }
    return {
      url,
      clusterUrl: cluster.url,
      kubeconfigPath,
      adminPasswordPath,
      demoRepository,
      client,
      cache,
      server,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
