import type { Command } from 'commander';
import { CapstanError } from '../../../core/index.ts';
import type { App } from '../../api/app-types.ts';
import { apiClient, type ServerFlags } from '../../api/client.ts';
import { outputOption, serverOptions } from '../../api/options.ts';
import type { CliIo } from '../../io.ts';
import { outputFormat } from '../../output.ts';
import { printApp } from './get.ts';

/** `capstan app rollback NAME [ID]`: syncs to a history entry (default: the one before the latest). */
export function register(app: Command, io: CliIo): void {
  outputOption(
    serverOptions(
      app.command('rollback <name> [id]').description('sync an application to an earlier deployment'),
    ),
  )
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .option('--prune', 'delete resources not in that deployment')
    .option('--dry-run', 'preview only')
    .action(
      async (
        name: string,
        id: string | undefined,
        flags: ServerFlags & { output?: string; appNamespace?: string; prune?: boolean; dryRun?: boolean },
      ) => {
        outputFormat(flags.output);
        const client = await apiClient(flags);
        const path = `/api/v1/applications/${encodeURIComponent(name)}`;
        let target = id === undefined ? undefined : Number(id);
        if (target === undefined) {
          const history = (await client.get<App>(path)).status?.history ?? [];
          target = history.at(-2)?.id;
          if (target === undefined)
            throw new CapstanError(`Application/${name}: no earlier deployment to roll back to`, {
              code: 'FailedPrecondition',
            });
        }
        const requested = await client.request<App>('PUT', `${path}/rollback`, {
          id: target,
          ...(flags.appNamespace ? { appNamespace: flags.appNamespace } : {}),
          ...(flags.prune ? { prune: true } : {}),
          ...(flags.dryRun ? { dryRun: true } : {}),
        });
        if (flags.output) printApp(io, requested, flags.output, client.server);
        else io.out(`rollback of ${name} to deployment ${target} requested`);
      },
    );
}
