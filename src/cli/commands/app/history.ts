import type { Command } from 'commander';
import type { App } from '../../api/app-types.ts';
import { apiClient, appQuery, type ServerFlags } from '../../api/client.ts';
import { outputOption, serverOptions } from '../../api/options.ts';
import type { CliIo } from '../../io.ts';
import { outputFormat, print } from '../../output.ts';

type Entry = NonNullable<NonNullable<App['status']>['history']>[number];

/** `capstan app history NAME`: the deployments `app rollback` can return to. */
export function register(app: Command, io: CliIo): void {
  outputOption(
    serverOptions(app.command('history <name>').description("show an application's deployment history")),
  )
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .action(async (name: string, flags: ServerFlags & { output?: string; appNamespace?: string }) => {
      const client = await apiClient(flags);
      const a = await client.get<App>(
        `/api/v1/applications/${encodeURIComponent(name)}${appQuery(flags.appNamespace)}`,
      );
      print<Entry>(io, outputFormat(flags.output), a.status?.history ?? [], {
        headers: ['ID', 'DATE', 'REVISION'],
        row: (h) => [
          String(h.id),
          h.deployedAt ?? '',
          `${h.source?.targetRevision ?? ''} (${(h.revision ?? '').slice(0, 7)})`,
        ],
        wideHeaders: ['PATH'],
        wideRow: (h) => [h.source?.path ?? ''],
      });
    });
}
