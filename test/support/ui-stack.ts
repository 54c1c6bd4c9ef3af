/**
 * What the UI's browser tests run against: the built UI served by the real API server, which
 * reads Applications and Flux objects from the embedded cluster through engine's watch cache
 * (the same wiring `capstan up` uses, minus the controllers), and Debian's Chromium. Tests write
 * objects into the cluster with the kube client (or kubectl) and watch the UI follow.
 *
 *   before(async () => (stack = await startUiStack()));
 *   after(() => stack?.close());
 *   const page = await stack.login();
 */
import { silentLogger, type KubeObject } from '../../src/core/index.ts';
import { createKubeClient, type KubeClient } from '../../src/kube/index.ts';
import { argoTracker, createClusterCache, fluxTracker, type ClusterCache } from '../../src/engine/index.ts';
import { installCustomResourceDefinitions } from '../../src/controllers/index.ts';
import { argocdCrds } from '../../src/controllers/argocd/index.ts';
import { fluxCrds } from '../../src/controllers/flux/index.ts';
import {
  createServer,
  hashPassword,
  memorySettingsSource,
  staticProjectSource,
  type AppProject,
  type CapstanServer,
  type ServerInput,
} from '../../src/server/index.ts';
import { launchBrowser, type LaunchedBrowser, type LaunchOptions } from './browser.ts';
import { startTestCluster, type TestCluster } from './cluster.ts';
import { buildUi } from './ui-build.ts';
import type { Page } from 'playwright-core';

export const UI_PASSWORD = 'ui-stack-password';

export interface UiStack {
  url: string;
  cluster: TestCluster;
  client: KubeClient;
  cache: ClusterCache;
  server: CapstanServer;
  browser: LaunchedBrowser;
  signal: AbortSignal;
  /** A new page, logged in as admin through the login form, on `path` (default /applications). */
  login(path?: string): Promise<Page>;
  close(): Promise<void>;
}

export interface UiStackOptions {
  projects: string[];
  launch: LaunchOptions;
  server: Partial<ServerInput>;
}

export const defaultUiStackOptions: UiStackOptions = {
  projects: ['default'],
  launch: {},
  server: {},
};

const project = (name: string): AppProject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name, namespace: 'argocd' },
  spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] },
});

/** Starts everything (UI build, cluster, CRDs, cache, server, browser); `close()` ends it all. */
export async function startUiStack(options: Partial<UiStackOptions> = {}): Promise<UiStack> {
  const o = { ...defaultUiStackOptions, ...options };
  const stop = new AbortController();
  const signal = stop.signal;
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    stop.abort();
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };

  try {
    return await start(o, signal, closers, close);
  } catch (err) {
    await close();
    throw err;
  }
}

async function start(
  o: UiStackOptions,
  signal: AbortSignal,
  closers: (() => Promise<void>)[],
  close: () => Promise<void>,
): Promise<UiStack> {
  const [ui, cluster] = await Promise.all([buildUi(), startTestCluster()]);
  closers.push(
    () => ui.remove(),
    () => cluster.close(),
  );
  const client = await createKubeClient({ kubeconfig: { text: cluster.kubeconfig() }, signal });
  await installCustomResourceDefinitions(client, [...argocdCrds(), ...fluxCrds()], { signal });
  client.invalidate();
  for (const name of ['argocd', 'flux-system'])
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { signal });
  const cache = createClusterCache({
    client,
    signal,
    trackers: { argocd: argoTracker(), flux: fluxTracker() },
    retryInitialMs: 100,
  });
  await cache.synced({ signal });

  const settings = memorySettingsSource({
    secret: {
      'admin.password': await hashPassword(UI_PASSWORD),
      'server.secretkey': 'ui-stack-key-0123456789abcdef0123',
    },
  });
  const server = createServer({
    settings,
    port: 0,
    uiDir: ui.dir,
    log: silentLogger,
    projects: staticProjectSource(o.projects.map(project)),
    kube: { client, cache },
    login: { limits: { maxFailures: 5, windowSeconds: 300, maxEntries: 100 }, delayMs: { min: 0, max: 0 } },
    ...o.server,
  });
  const url = await server.listen({ signal });
  closers.push(() => server.close());
  const browser = await launchBrowser(o.launch);
  closers.push(() => browser.close());

  return {
    url,
    cluster,
    client,
    cache,
    server,
    browser,
    signal,
    async login(path = '/applications') {
      const page = await browser.context.newPage();
      await page.goto(`${url}/login?return=${encodeURIComponent(path)}`);
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill(UI_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => u.pathname !== '/login', { timeout: 30_000 });
      return page;
    },
    close,
  };
}

/** An Argo CD Application as a controller would have left it (status included). */
export function application(
  name: string,
  o: {
    project?: string;
    namespace?: string;
    labels?: Record<string, string>;
    health?: string;
    sync?: string;
    status?: Record<string, unknown>;
  } = {},
): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      project: o.project ?? 'default',
      source: { repoURL: 'http://git.example/demo.git', path: `apps/${name}`, targetRevision: 'HEAD' },
      destination: { server: 'https://kubernetes.default.svc', namespace: o.namespace ?? name },
    },
    status: {
      sync: { status: o.sync ?? 'Synced', revision: '5b1c0e3f2a9d4e6b8c7a1f0e9d8c7b6a5f4e3d2c' },
      health: { status: o.health ?? 'Healthy' },
      ...o.status,
    },
  };
}

/** A Flux Kustomization; its status is written through the status subresource by `putStatus`. */
export function kustomization(name: string, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: 'flux-system', ...(labels ? { labels } : {}) },
    spec: {
      interval: '5m',
      path: `./apps/${name}`,
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'demo' },
    },
  };
}

export function readyCondition(ready: 'True' | 'False' | 'Unknown', message: string) {
  return {
    type: 'Ready',
    status: ready,
    reason: ready === 'True' ? 'ReconciliationSucceeded' : 'ReconciliationFailed',
    message,
    lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}
