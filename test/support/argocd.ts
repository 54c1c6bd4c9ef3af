// An Argo CD environment for end-to-end tests: an embedded cluster, a real git http server, a git
// source, a shared cluster cache, and the Argo CD controllers running against them.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../../src/core/index.ts';
import { argoTracker, createClusterCache, fluxTracker, type ClusterCache } from '../../src/engine/index.ts';
import { createKubeClient, type KubeClient } from '../../src/kube/index.ts';
import { createGitSource, type GitSource } from '../../src/source/index.ts';
import {
  startArgoCdControllers,
  type Application,
  type ArgoCdControllersOptions,
  type RunningArgoCd,
} from '../../src/controllers/argocd/index.ts';
import { startTestCluster, type TestCluster } from './cluster.ts';
import { createRepo, startHttpGitServer, tempDir, type HttpGitServer, type TestRepo } from './git-servers.ts';

export interface ArgoEnv {
  cluster: TestCluster;
  client: KubeClient;
  cache: ClusterCache;
  sources: GitSource;
  git: HttpGitServer;
  argocd: RunningArgoCd;
  root: string;
  repo(name: string): TestRepo;
  apply(obj: KubeObject): Promise<KubeObject>;
  app(name: string, namespace?: string): Promise<Application | undefined>;
  /** Polls the Application until `check` returns true (or throws the last status on timeout). */
  waitApp(
    name: string,
    check: (app: Application) => boolean,
    timeoutMs?: number,
    namespace?: string,
  ): Promise<Application>;
  waitFor<T>(fn: () => Promise<T | undefined | false>, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startArgoEnv(options: Partial<ArgoCdControllersOptions> = {}): Promise<ArgoEnv> {
  const root = tempDir('capstan-argocd-e2e-');
  const stop = new AbortController();
  const cluster = await startTestCluster(undefined, { podStartDelayMs: 50 });
  const client = await createKubeClient({ kubeconfig: { text: cluster.kubeconfig() }, signal: stop.signal });
  const cache = createClusterCache({
    client,
    signal: stop.signal,
    trackers: { argocd: argoTracker(), flux: fluxTracker() },
    retryInitialMs: 100,
  });
  await cache.synced({ signal: stop.signal });
  const sources = createGitSource({ cacheDir: join(root, 'cache'), storageDir: join(root, 'storage') });
  const git = await startHttpGitServer({ root: join(root, 'repos') });
  const argocd = await startArgoCdControllers({
    signal: stop.signal,
    client,
    cache,
    sources,
    workDir: join(root, 'work'),
    gitPollIntervalMs: 500,
    revisionCacheMs: 60_000,
    waveDelayMs: 50,
    pollIntervalMs: 100,
    ...options,
  });
  const getApp = async (name: string, namespace = 'argocd') =>
    (await client.get(
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace, name },
      { signal: stop.signal },
    )) as Application | undefined;
  const waitFor = async <T>(
    fn: () => Promise<T | undefined | false>,
    what: string,
    timeoutMs = 30_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    cluster,
    client,
    cache,
    sources,
    git,
    argocd,
    root,
    repo: (name) => createRepo(join(root, 'repos'), name),
    apply: (obj) => client.apply(obj, { signal: stop.signal, fieldManager: 'test', force: true }),
    app: getApp,
    async waitApp(name, check, timeoutMs = 30_000, namespace = 'argocd') {
      let last: Application | undefined;
      try {
        return await waitFor(
          async () => {
            last = await getApp(name, namespace);
            return last && check(last) ? last : undefined;
          },
          `Application ${name}`,
          timeoutMs,
        );
      } catch {
        throw new Error(
          `timed out waiting for Application ${name}: ${JSON.stringify({ operation: last?.operation, status: last?.status }, null, 1)}`,
        );
      }
    },
    waitFor,
    async close() {
      await argocd.close();
      stop.abort();
      await git.stop();
      await cluster.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function application(
  name: string,
  spec:
    | (Partial<Application['spec']> & Pick<Application['spec'], 'source' | 'destination'>)
    | Application['spec'],
  extra: Partial<Application['metadata']> = {},
): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', ...extra },
    spec: { project: 'default', ...spec },
  };
}

export const IN_CLUSTER = 'https://kubernetes.default.svc';

export function configMapYaml(name: string, data: Record<string, string>): string {
  const lines = Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${lines.join('\n')}\n`;
}

export function deploymentYaml(name: string, image: string, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
${extra}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: main
          image: ${image}
`;
}
