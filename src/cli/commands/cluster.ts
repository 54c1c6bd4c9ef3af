import type { Command } from 'commander';
import { createLogger, parseLevel } from '../../core/index.ts';
import { serveCluster, defaultServeClusterOptions } from '../../app/index.ts';
import type { CliIo } from '../io.ts';

interface ServeFlags {
  port: string;
  dataDir: string;
  kubeconfig: string;
  host: string;
  tlsCert?: string;
  tlsKey?: string;
  tls: boolean;
  controllers: boolean;
  nodes: string;
  podStartDelay: string;
  pace: string;
}

/** `capstan cluster serve`: the embedded Kubernetes API server in the foreground. */
export function register(program: Command, io: CliIo): void {
  const cluster = program.command('cluster').description('the embedded Kubernetes-compatible cluster');
  cluster
    .command('serve')
    .description('serve the embedded Kubernetes API until SIGTERM/SIGINT, writing a kubeconfig for it')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option('--data-dir <dir>', 'where the cluster keeps its state', defaultServeClusterOptions.dataDir)
    .option('--kubeconfig <path>', 'where to write the kubeconfig (default <data-dir>/kubeconfig)', '')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--tls-cert <file>', 'serving certificate (PEM); a self-signed one is generated when absent')
    .option('--tls-key <file>', 'private key of --tls-cert (PEM)')
    .option('--no-tls', 'serve plain HTTP (kubectl sends no token over HTTP, so it cannot authenticate)')
    .option('--nodes <n>', 'simulated nodes (1-12)', String(defaultServeClusterOptions.nodes))
    .option(
      '--pod-start-delay <ms>',
      'milliseconds from scheduling to a running container',
      String(defaultServeClusterOptions.podStartDelayMs),
    )
    .option(
      '--pace <factor>',
      'scale of simulated back-offs and grace periods (1 = real time)',
      String(defaultServeClusterOptions.pace),
    )
    .option('--no-controllers', 'serve the API only: no nodes, kubelet or workload controllers')
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port: not a port number: ${flags.port}`);
      if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey))
        throw new Error('--tls-cert and --tls-key go together');
      const nodes = Number(flags.nodes);
      const podStartDelayMs = Number(flags.podStartDelay);
      const pace = Number(flags.pace);
      if (!Number.isInteger(nodes) || nodes < 1 || nodes > 12)
        throw new Error(`--nodes: 1 to 12, got ${flags.nodes}`);
      if (!(podStartDelayMs >= 0))
        throw new Error(`--pod-start-delay: not a number of milliseconds: ${flags.podStartDelay}`);
      if (!(pace > 0)) throw new Error(`--pace: a positive factor, got ${flags.pace}`);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      try {
        await serveCluster({
          signal: controller.signal,
          port,
          dataDir: flags.dataDir,
          kubeconfigPath: flags.kubeconfig,
          host: flags.host,
          ...(flags.tlsCert ? { tlsCert: flags.tlsCert, tlsKey: flags.tlsKey } : {}),
          plainHttp: !flags.tls,
          controllers: flags.controllers,
          nodes,
          podStartDelayMs,
          pace,
          logger: createLogger({ level: parseLevel(process.env['CAPSTAN_LOG_LEVEL']) ?? 'warn' }),
          onReady: ({ url, kubeconfigPath }) =>
            io.out(`capstan cluster ready at ${url} (kubeconfig: ${kubeconfigPath})`),
        });
        io.out('capstan cluster stopped');
      } finally {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
      }
    });
}
