import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { silentLogger, type Logger } from '../core/index.ts';
import { defaultClusterOptions, startCluster, type RunningCluster } from '../cluster/index.ts';

export interface ServeClusterOptions {
  /** Aborting it (SIGTERM/SIGINT in the CLI) shuts the cluster down. */
  signal: AbortSignal;
  dataDir: string;
  /** Where to write the kubeconfig; `<dataDir>/kubeconfig` when empty. */
  kubeconfigPath: string;
  host: string;
  port: number;
  /** Own certificate and key files; a self-signed certificate when absent. */
  tlsCert?: string;
  tlsKey?: string;
  /** Serve plain HTTP (kubectl then sends no token, so only token-sending clients get in). */
  plainHttp: boolean;
  /** Run the simulated control plane (nodes, kubelet, workload controllers). */
  controllers: boolean;
  /** Simulated nodes (1–12). */
  nodes: number;
  /** Milliseconds from scheduling to a running container. */
  podStartDelayMs: number;
  /** Scale of the simulated durations (back-offs, grace periods): 1 is real time. */
  pace: number;
  logger: Logger;
  /** Called once the cluster serves, with its URL and the kubeconfig path. */
  onReady: (info: { url: string; kubeconfigPath: string; cluster: RunningCluster }) => void;
}

export const defaultServeClusterOptions: Omit<ServeClusterOptions, 'signal' | 'onReady'> = {
  dataDir: join(homedir(), '.capstan', 'cluster'),
  kubeconfigPath: '',
  host: '127.0.0.1',
  port: 0,
  plainHttp: false,
  controllers: defaultClusterOptions.controllers,
  nodes: defaultClusterOptions.nodes,
  podStartDelayMs: defaultClusterOptions.podStartDelayMs,
  pace: defaultClusterOptions.pace,
  logger: silentLogger,
};

/**
 * `capstan cluster serve`: runs the embedded cluster in the foreground until the signal fires,
 * then closes it cleanly (open watches end, storage closes).
 */
export async function serveCluster(
  options: Partial<ServeClusterOptions> & Pick<ServeClusterOptions, 'signal' | 'onReady'>,
): Promise<void> {
  const o: ServeClusterOptions = { ...defaultServeClusterOptions, ...options };
  const dataDir = resolve(o.dataDir);
  const tls = o.plainHttp
    ? false
    : o.tlsCert || o.tlsKey
      ? { certFile: resolve(o.tlsCert ?? ''), keyFile: resolve(o.tlsKey ?? '') }
      : 'self-signed';
  const cluster = await startCluster({
    signal: o.signal,
    dataDir,
    host: o.host,
    port: o.port,
    tls,
    controllers: o.controllers,
    nodes: o.nodes,
    podStartDelayMs: o.podStartDelayMs,
    pace: o.pace,
    logger: o.logger,
  });
  const kubeconfigPath = resolve(o.kubeconfigPath || join(dataDir, 'kubeconfig'));
  try {
    await cluster.writeKubeconfig(kubeconfigPath);
  } catch (err) {
    await cluster.close();
    throw err;
  }
  o.onReady({ url: cluster.url, kubeconfigPath, cluster });
  await new Promise<void>((done) => {
    if (o.signal.aborted) done();
    else o.signal.addEventListener('abort', () => done(), { once: true });
  });
  await cluster.close();
}
