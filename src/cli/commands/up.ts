import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createLogger, parseLevel } from '../../core/index.ts';
import { startCapstan } from '../../app/index.ts';
import type { CliIo } from '../io.ts';

interface UpFlags {
  port: string;
  host: string;
  dataDir: string;
  demo: boolean;
}

const expandHome = (p: string) => (p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p);

/**
 * `capstan up`: the embedded cluster, controllers, API server and UI in the foreground until
 * SIGINT/SIGTERM. Prints one line containing `ready` with the UI URL, then what to try next.
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('up')
    .description('start Capstan with its embedded cluster, controllers, API server and web UI')
    .option('--port <port>', 'API and UI port (0 picks a free one)', '8080')
    .option('--host <host>', 'address of the API and UI', '127.0.0.1')
    .option('--data-dir <dir>', 'where state is kept', '~/.capstan')
    .option('--no-demo', 'do not create the demo repository and applications')
    .action(async (flags: UpFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port: not a port number: ${flags.port}`);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      try {
        const capstan = await startCapstan({
          signal: controller.signal,
          port,
          host: flags.host,
          dataDir: expandHome(flags.dataDir),
          demo: flags.demo,
          logger: createLogger({ level: parseLevel(process.env['CAPSTAN_LOG_LEVEL']) ?? 'warn' }),
        });
        io.out(
          [
            `capstan ready: UI and API at ${capstan.url}`,
            `  log in as admin, password in ${capstan.adminPasswordPath}`,
            `  kubectl --kubeconfig ${capstan.kubeconfigPath} get pods -A`,
            ...(capstan.demoRepository
              ? [
                  `  demo repository: ${capstan.demoRepository} (edit, commit, watch it deploy)`,
                  `  try: kubectl --kubeconfig ${capstan.kubeconfigPath} -n demo scale deploy/web --replicas=5   (Capstan puts it back)`,
                ]
              : []),
            '  capstan app list · capstan get kustomizations · Ctrl-C stops',
          ].join('\n'),
        );
        await new Promise<void>((done) => {
          if (controller.signal.aborted) done();
          else controller.signal.addEventListener('abort', () => done(), { once: true });
        });
        await capstan.close();
        io.out('capstan stopped');
      } finally {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
      }
    });
}
