import type { Command } from 'commander';
import { apiClient, appQuery, type ServerFlags } from '../../api/client.ts';
import { serverOptions } from '../../api/options.ts';
import type { CliIo } from '../../io.ts';

/** `capstan app terminate-op NAME`: stops the running sync, as `argocd app terminate-op`. */
export function register(app: Command, io: CliIo): void {
  serverOptions(
    app.command('terminate-op <name>').description("terminate an application's running operation"),
  )
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .action(async (name: string, flags: ServerFlags & { appNamespace?: string }) => {
      const client = await apiClient(flags);
      await client.request(
        'DELETE',
        `/api/v1/applications/${encodeURIComponent(name)}/operation${appQuery(flags.appNamespace)}`,
      );
      io.out(`Application '${name}' operation terminating`);
    });
}
