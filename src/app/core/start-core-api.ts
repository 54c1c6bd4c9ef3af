/**
 * `capstan --core`, as `argocd --core`: no Capstan server to talk to. The CLI starts the API
 * server in its own process, on a loopback port, over the Kubernetes API of the kubeconfig (so
 * Kubernetes RBAC is what limits the user), with an in-memory admin session instead of logins,
 * and the Argo CD controller's queries in read-only mode (diffs and manifests are compared on
 * the spot; the controller that reconciles runs elsewhere). Every command then works unchanged.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CapstanError, silentLogger, type Logger } from '../../core/index.ts';
import { startArgoCdControllers } from '../../controllers/argocd/index.ts';
import { argoTracker, createClusterCache, fluxTracker } from '../../engine/index.ts';
import { createKubeClient } from '../../kube/index.ts';
import { createServer, hashPassword, memorySettingsSource } from '../../server/index.ts';
import { createGitSource } from '../../source/index.ts';
import { fluxTree } from '../up/flux-tree.ts';

export interface CoreApiOptions {
  /** The kubeconfig file; `$KUBECONFIG`, then `~/.kube/config` when undefined. */
  kubeconfig: string | undefined;
  /** A context of the kubeconfig; its current one when undefined. */
  context: string | undefined;
  /** Where Argo CD's objects live. */
  namespace: string;
  /** Git mirrors and rendered checkouts, kept between runs. */
  cacheDir: string;
  signal: AbortSignal;
  logger: Logger;
}

export const defaultCoreApiOptions: Omit<CoreApiOptions, 'signal'> = {
  kubeconfig: undefined,
  context: undefined,
  namespace: 'argocd',
  cacheDir: join(homedir(), '.cache', 'capstan', 'core'),
  logger: silentLogger,
};

export interface CoreApi {
  url: string;
  token: string;
  close(): Promise<void>;
}

/** The kubeconfig `kubectl` would use: the flag, the first of `$KUBECONFIG`, `~/.kube/config`. */
export function defaultKubeconfig(flag: string | undefined): string | undefined {
  if (flag) return flag;
  const env = process.env['KUBECONFIG']?.split(':').find((p) => p !== '');
  if (env) return env;
  const home = join(homedir(), '.kube', 'config');
  return existsSync(home) ? home : undefined;
}

const WATCHED = [
  'argoproj.io/Application',
  'argoproj.io/AppProject',
  'Secret',
  'source.toolkit.fluxcd.io/GitRepository',
  'kustomize.toolkit.fluxcd.io/Kustomization',
];

export async function startCoreApi(
  options: Partial<CoreApiOptions> & Pick<CoreApiOptions, 'signal'>,
): Promise<CoreApi> {
  const o: CoreApiOptions = { ...defaultCoreApiOptions, ...options };
  const path = defaultKubeconfig(o.kubeconfig);
  if (!path)
    throw new CapstanError(
      '--core: no kubeconfig: pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config',
      {
        code: 'NoKubeconfig',
      },
    );
  const life = new AbortController();
  const signal = AbortSignal.any([o.signal, life.signal]);
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    life.abort();
  };
  try {
    const client = await createKubeClient({ kubeconfig: { path }, context: o.context, signal });
    const served = await client
      .resourceFor({ group: 'argoproj.io', version: 'v1alpha1', kind: 'Application' }, { signal })
      .catch((err: unknown) => {
        throw new CapstanError(`--core: ${path}: cannot reach the cluster: ${(err as Error).message}`, {
          code: 'Unavailable',
          cause: err,
        });
      });
    if (!served)
      throw new CapstanError(
        `--core: the cluster of ${path} has no Argo CD CRDs (applications.argoproj.io); install them with \`capstan install --crds\``,
        { code: 'NoCrds' },
      );
    const flux = await client.resourceFor(
      { group: 'kustomize.toolkit.fluxcd.io', version: 'v1', kind: 'Kustomization' },
      { signal },
    );
    const cache = createClusterCache({
      client,
      signal,
      kinds: flux ? WATCHED : WATCHED.filter((k) => !k.includes('fluxcd')),
      trackers: { argocd: argoTracker(), flux: fluxTracker() },
      logger: o.logger,
    });
    await cache.synced({ signal });
    const sources = createGitSource({
      cacheDir: join(o.cacheDir, 'git'),
      storageDir: join(o.cacheDir, 'artifacts'),
      logger: o.logger,
    });
    const argo = await startArgoCdControllers({
      signal,
      client,
      cache,
      sources,
      namespace: o.namespace,
      workDir: join(o.cacheDir, 'argocd'),
      readOnly: true,
      installCrds: false,
      logger: o.logger,
    });
    stops.push(() => argo.close());
    // A throwaway admin, known only to this process: the Kubernetes API is the real gate.
    const password = randomBytes(24).toString('base64url');
    const server = createServer({
      settings: memorySettingsSource({
        secret: {
          'admin.password': await hashPassword(password),
          'server.secretkey': randomBytes(32).toString('base64url'),
        },
      }),
      host: '127.0.0.1',
      port: 0,
      uiDir: undefined,
      controlNamespace: o.namespace,
      kube: { client, cache },
      argocd: () => argo,
      fluxTree: fluxTree(cache),
      log: o.logger,
      login: {
        limits: { maxFailures: 5, windowSeconds: 300, maxEntries: 100 },
        delayMs: { min: 0, max: 0 },
      },
    });
    const url = await server.listen({ signal });
    stops.push(() => server.close());
    const { token } = await server.sessions.login('admin', password, signal);
    return { url, token, close };
  } catch (err) {
    await close();
    throw err;
  }
}
