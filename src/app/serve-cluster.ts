import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { silentLogger, type Logger } from '../core/index.ts';
import type { RunningCluster } from '../cluster/index.ts';

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
  // Imported here, not at the top: every `capstan` command loads app, and only this one needs the
  // cluster (loading it first cost every command ~0.2 s).
  const { startCluster } = await import('../cluster/index.ts');
  const cluster = await startCluster({
    signal: o.signal,
    dataDir,
    host: o.host,
    port: o.port,
    tls,
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
