import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CapstanError } from '../core/index.ts';
import { SYSTEM_NAMESPACES } from './admission/namespace-lifecycle.ts';
import { createClusterApi } from './api/cluster-api.ts';
import type { ClusterApi } from './api/types.ts';
import { schemaFor } from '../kube/index.ts';
import { assembleState } from './assemble.ts';
import { runCrdCleanupController } from './controllers/crd-cleanup.ts';
import { runNamespaceController } from './controllers/namespace.ts';
import { OpenApiV3 } from './discovery/openapi.ts';
import { createRequestHandler } from './http/router.ts';
import { kubeconfigYaml, writePrivateFile } from './kubeconfig.ts';
import { defaultClusterOptions, type ClusterOptions } from './options.ts';
import { createObject } from './rest/create.ts';
import { PatchTypes } from './rest/patch-types.ts';
import type { ServerState } from './state.ts';
import { selfSignedCertificate } from './tls/self-signed.ts';

/** A cluster that is serving. */
export interface RunningCluster {
  /** `https://127.0.0.1:PORT` (or `http://…` without TLS). */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** The serving certificate (PEM) to trust, when serving TLS. */
  readonly ca: string | undefined;
  readonly dataDir: string;
  /** A kubeconfig (YAML) for this cluster: server, CA, token, context `capstan`. */
  kubeconfig(): string;
  /** Writes the kubeconfig to `path` with mode 0600. */
  writeKubeconfig(path: string): Promise<void>;
  /** The in-process API: same admission, resourceVersions and watch events as HTTP clients. */
  readonly api: ClusterApi;
  /** Stops serving (open watches end), then closes storage. Idempotent. */
  close(): Promise<void>;
}

/** Starts the embedded API server on `dataDir`; resolves once it accepts connections. */
export async function startCluster(
  options: Partial<ClusterOptions> & Pick<ClusterOptions, 'signal' | 'dataDir'>,
): Promise<RunningCluster> {
  const o: ClusterOptions = { ...defaultClusterOptions, ...options };
  o.signal.throwIfAborted();
  const { state, db, stopServing } = assembleState({
    dataDir: o.dataDir,
    durable: o.durable,
    watchHistory: o.watchHistory,
    settings: {
      watchTimeoutSeconds: o.watchTimeoutSeconds,
      bookmarkIntervalMs: o.bookmarkIntervalMs,
      garbageCollector: o.garbageCollector,
    },
    admission: o.admission,
  });
  // Defaulting, validation and patches walk built-in schemas, whose first use loads
  // @kubernetes/client-node's models (about half a second): pay that before accepting
  // connections rather than on the first write.
  schemaFor({ apiVersion: 'v1', kind: 'Pod' });
  const stops: (() => void)[] = [stopServing];
  let server: Server | undefined;
  try {
    const token = o.token ?? storedToken(db.load().meta.get('token'), (t) => db.setMeta('token', t));
    await bootstrapNamespaces(state);
    stops.push(runNamespaceController(state, o.logger), runCrdCleanupController(state, o.logger));
    const patchTypes = new PatchTypes();
    const tls =
      o.tls === false
        ? undefined
        : o.tls === 'self-signed'
          ? await selfSignedCertificate(o.dataDir, o.host)
          : readTls(o.tls);
    const deps = {
      state,
      patchTypes,
      openapi: new OpenApiV3(state.registry),
      token,
      log: o.logger,
      serverAddress: '',
    };
    const handler = createRequestHandler(deps);
    server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
    server.keepAliveTimeout = 65_000;
    server.requestTimeout = 0;
    const port = await listen(server, o.host, o.port);
    const hostPart = o.host.includes(':') ? `[${o.host}]` : o.host;
    deps.serverAddress = `${hostPart}:${port}`;
    const url = `${tls ? 'https' : 'http'}://${hostPart}:${port}`;
    const api = createClusterApi(state, patchTypes);
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        for (const stop of stops) stop();
        await new Promise<void>((resolve) => {
          server!.close(() => resolve());
          server!.closeAllConnections();
        });
        state.store.close();
      })());
    o.signal.addEventListener('abort', () => void close(), { once: true });
    const kubeconfig = () =>
      kubeconfigYaml({ name: 'capstan', server: url, token, ...(tls ? { ca: tls.cert } : {}) });
    o.logger.info('cluster serving', { url, dataDir: o.dataDir });
    return {
      url,
      port,
      token,
      ca: tls?.cert,
      dataDir: o.dataDir,
      kubeconfig,
      writeKubeconfig: (path) => writePrivateFile(path, kubeconfig()),
      api,
      close,
    };
  } catch (err) {
    for (const stop of stops) stop();
    server?.close();
    state.store.close();
    throw err;
  }
}

function storedToken(existing: string | undefined, save: (token: string) => void): string {
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  save(token);
  return token;
}

function readTls(files: { certFile: string; keyFile: string }): { cert: string; key: string } {
  try {
    return { cert: readFileSync(files.certFile, 'utf8'), key: readFileSync(files.keyFile, 'utf8') };
  } catch (err) {
    throw new CapstanError(
      `${files.certFile}: cannot read the TLS certificate or key: ${(err as Error).message}`,
      {
        code: 'CLUSTER_TLS',
        cause: err,
      },
    );
  }
}

async function bootstrapNamespaces(state: ServerState): Promise<void> {
  const info = state.registry.byKind('v1', 'Namespace')!;
  for (const name of SYSTEM_NAMESPACES) {
    if (state.store.get(info.storageKey, '', name)) continue;
    await createObject(
      state,
      info,
      '',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      { fieldManager: 'kube-apiserver' },
    );
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
