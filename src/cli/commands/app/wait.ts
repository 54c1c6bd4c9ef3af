import type { Command } from 'commander';
import { healthOf, syncOf } from '../../api/app-types.ts';
import { apiClient, appQuery, type ServerFlags } from '../../api/client.ts';
import { outputOption, serverOptions } from '../../api/options.ts';
import { waitForApp } from '../../api/wait-app.ts';
import type { CliIo } from '../../io.ts';
import { outputFormat } from '../../output.ts';
import { printApp } from './get.ts';

/** `capstan app wait NAME`: until Synced and Healthy (or only the one asked for), no operation running. */
export function register(app: Command, io: CliIo): void {
  outputOption(
    serverOptions(app.command('wait <name>').description('wait for an application to be synced and healthy')),
  )
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .option('--sync', 'wait for Synced only')
    .option('--health', 'wait for Healthy only')
    .option('--timeout <seconds>', 'how long to wait', '300')
    .action(
      async (
        name: string,
        flags: ServerFlags & {
          output?: string;
          appNamespace?: string;
          sync?: boolean;
          health?: boolean;
          timeout: string;
        },
      ) => {
        outputFormat(flags.output);
        const both = !flags.sync && !flags.health;
        const client = await apiClient(flags);
        const a = await waitForApp(
          client,
          `/api/v1/applications/${encodeURIComponent(name)}${appQuery(flags.appNamespace)}`,
          `waiting for ${name}`,
          (x) =>
            (!(both || flags.sync) || syncOf(x) === 'Synced') &&
            (!(both || flags.health) || healthOf(x) === 'Healthy') &&
            !x.operation &&
            x.status?.operationState?.phase !== 'Running',
          (x) => `${syncOf(x)} · ${healthOf(x)}`,
          Number(flags.timeout),
        );
        if (flags.output) printApp(io, a, flags.output, client.server);
        else io.out(`${a.metadata.namespace}/${a.metadata.name}: ${syncOf(a)}, ${healthOf(a)}`);
      },
    );
}
