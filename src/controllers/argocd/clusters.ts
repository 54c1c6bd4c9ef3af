/**
 * Destination clusters: `https://kubernetes.default.svc` (or the name `in-cluster`) is the cluster
 * Capstan runs against; others come from Argo CD cluster Secrets (label
 * `argocd.argoproj.io/secret-type: cluster`, keys `name`, `server`, `config` with `bearerToken`,
 * `username`/`password` and `tlsClientConfig{insecure, caData, certData, keyData, serverName}`).
 * Each remote cluster gets a client and a cache of its own, made on first use and kept while its
 * Secret stays the same.
 */
import { createHash } from 'node:crypto';
import { CapstanError, TerminalError, type KubeObject, type Logger } from '../../core/index.ts';
import { argoTracker, createClusterCache, type ClusterCache } from '../../engine/index.ts';
import { createKubeClient, type KubeClient } from '../../kube/index.ts';
import { IN_CLUSTER_NAME, IN_CLUSTER_SERVER } from './api/application-defaults.ts';
import type { ApplicationDestination } from './api/application.ts';

export const CLUSTER_SECRET_LABEL = 'argocd.argoproj.io/secret-type';

export interface DestinationCluster {
  server: string;
  name: string;
  client: KubeClient;
  cache: ClusterCache;
  inCluster: boolean;
}

interface ClusterConfig {
  bearerToken?: string;
  username?: string;
  password?: string;
  tlsClientConfig?: {
    insecure?: boolean;
    caData?: string;
    certData?: string;
    keyData?: string;
    serverName?: string;
  };
}

interface Remote {
  hash: string;
  cluster: Promise<DestinationCluster>;
  stop: AbortController;
}

const decode = (v: string | undefined) =>
  v === undefined ? undefined : Buffer.from(v, 'base64').toString('utf8');

function secretField(secret: KubeObject, key: string): string | undefined {
  const s = secret as { data?: Record<string, string>; stringData?: Record<string, string> };
  return s.stringData?.[key] ?? decode(s.data?.[key]);
}

/** A kubeconfig for a cluster Secret's `server` and `config`. */
export function kubeconfigFor(server: string, config: ClusterConfig): string {
  const tls = config.tlsClientConfig ?? {};
  const user: Record<string, string> = {};
  if (config.bearerToken) user['token'] = config.bearerToken;
  if (config.username) user['username'] = config.username;
  if (config.password) user['password'] = config.password;
  if (tls.certData) user['client-certificate-data'] = tls.certData;
  if (tls.keyData) user['client-key-data'] = tls.keyData;
  const cluster: Record<string, unknown> = { server };
  if (tls.insecure) cluster['insecure-skip-tls-verify'] = true;
  if (tls.caData) cluster['certificate-authority-data'] = tls.caData;
  if (tls.serverName) cluster['tls-server-name'] = tls.serverName;
  // JSON is YAML: the kubeconfig loader reads it as is.
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'c',
  });
}

/**
 * The `{server, name}` a destination means (Argo CD's `GetDestinationCluster`): by name or by URL
 * among the cluster Secrets, else the in-cluster server (or `localUrl`, the URL this process
 * reaches the local cluster at). Throws, in Argo's words, for both or neither set or no match.
 */
export function identifyDestination(
  dst: ApplicationDestination,
  secrets: readonly KubeObject[],
  localUrl = '',
): { server: string; name: string; secret?: KubeObject } {
  if (dst.server && dst.name) {
    throw new TerminalError(
      `application destination can't have both name "${dst.name}" and server defined: ${dst.server}`,
      { code: 'INVALID_DESTINATION' },
    );
  }
  if (dst.name) {
    const secret = secrets.find((s) => secretField(s, 'name') === dst.name);
    if (secret) return { server: secretField(secret, 'server') ?? '', name: dst.name, secret };
    if (dst.name === IN_CLUSTER_NAME) return { server: IN_CLUSTER_SERVER, name: IN_CLUSTER_NAME };
    throw new TerminalError(
      `unable to find destination server: there are no clusters with this name: ${dst.name}`,
      {
        code: 'INVALID_DESTINATION',
      },
    );
  }
  const server = dst.server ?? '';
  if (!server) {
    throw new TerminalError('Destination server missing from app spec', { code: 'INVALID_DESTINATION' });
  }
  const norm = (u: string) => u.replace(/\/+$/, '');
  const secret = secrets.find((s) => norm(secretField(s, 'server') ?? '') === norm(server));
  if (secret) return { server, name: secretField(secret, 'name') ?? server, secret };
  if (norm(server) === IN_CLUSTER_SERVER || (localUrl !== '' && norm(server) === norm(localUrl)))
    return { server: norm(server), name: IN_CLUSTER_NAME };
  throw new TerminalError(`cluster ${server} has not been configured`, { code: 'INVALID_DESTINATION' });
}

/** The Argo CD cluster Secrets among `secrets`. */
export const isClusterSecret = (s: KubeObject): boolean =>
  s.metadata.labels?.[CLUSTER_SECRET_LABEL] === 'cluster';

export class ClusterRegistry {
  readonly #local: DestinationCluster;
  readonly #remotes = new Map<string, Remote>();
  readonly #secrets: () => KubeObject[];
  readonly #logger: Logger;
  readonly #signal: AbortSignal;
  readonly #localUrl: string;

  constructor(options: {
    client: KubeClient;
    cache: ClusterCache;
    /** The URL this process reaches the local cluster at: a destination naming it is in-cluster. */
    serverUrl: string;
    secrets: () => KubeObject[];
    logger: Logger;
    signal: AbortSignal;
  }) {
    this.#local = {
      server: IN_CLUSTER_SERVER,
      name: IN_CLUSTER_NAME,
      client: options.client,
      cache: options.cache,
      inCluster: true,
    };
    this.#secrets = options.secrets;
    this.#logger = options.logger;
    this.#signal = options.signal;
    this.#localUrl = options.serverUrl.replace(/\/+$/, '');
  }

  get local(): DestinationCluster {
    return this.#local;
  }

  /** The `{server, name}` a destination means, without connecting. */
  identify(dst: ApplicationDestination): { server: string; name: string; secret?: KubeObject } {
    return identifyDestination(dst, this.#secrets(), this.#localUrl);
  }

  async resolve(dst: ApplicationDestination): Promise<DestinationCluster> {
    const id = this.identify(dst);
    if (!id.secret) return this.#local;
    const server = secretField(id.secret, 'server') ?? id.server;
    if (server.replace(/\/+$/, '') === IN_CLUSTER_SERVER) return { ...this.#local, name: id.name };
    let config: ClusterConfig;
    try {
      config = JSON.parse(secretField(id.secret, 'config') ?? '{}') as ClusterConfig;
    } catch (err) {
      throw new CapstanError(
        `Secret/${id.secret.metadata.namespace}/${id.secret.metadata.name}: config is not JSON`,
        {
          code: 'INVALID_CLUSTER_SECRET',
          cause: err,
        },
      );
    }
    const hash = createHash('sha256')
      .update(JSON.stringify([server, config]))
      .digest('hex');
    const existing = this.#remotes.get(server);
    if (existing && existing.hash === hash) return existing.cluster;
    existing?.stop.abort();
    const stop = new AbortController();
    const signal = AbortSignal.any([this.#signal, stop.signal]);
    const cluster = (async (): Promise<DestinationCluster> => {
      const client = await createKubeClient({ kubeconfig: { text: kubeconfigFor(server, config) }, signal });
      const cache = createClusterCache({
        client,
        signal,
        trackers: { argocd: argoTracker() },
        logger: this.#logger.child({ cluster: server }),
      });
      await cache.synced({ signal });
      return { server, name: id.name, client, cache, inCluster: false };
    })();
    this.#remotes.set(server, { hash, cluster, stop });
    cluster.catch(() => {
      if (this.#remotes.get(server)?.cluster === cluster) this.#remotes.delete(server);
      stop.abort();
    });
    return cluster;
  }

  close(): void {
    for (const r of this.#remotes.values()) r.stop.abort();
    this.#remotes.clear();
  }
}
