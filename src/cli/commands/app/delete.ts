import type { Command } from 'commander';
import { apiClient, type ServerFlags } from '../../api/client.ts';
import { serverOptions } from '../../api/options.ts';
import type { CliIo } from '../../io.ts';

/** `capstan app delete NAME`: with its resources (cascade, Argo's default) or leaving them (`--cascade=false`). */
export function register(app: Command, io: CliIo): void {
  serverOptions(
    app.command('delete <name>').description('delete an application (and, by default, its resources)'),
  )
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .option('--cascade <bool>', 'also delete the managed resources', 'true')
    .option('--propagation-policy <policy>', 'foreground or background', 'foreground')
    .option('-y, --yes', 'no confirmation (always: this CLI never prompts)')
    .action(
      async (
        name: string,
        flags: ServerFlags & { appNamespace?: string; cascade: string; propagationPolicy: string },
      ) => {
        const client = await apiClient(flags);
        const q = new URLSearchParams({
          cascade: flags.cascade === 'false' ? 'false' : 'true',
          propagationPolicy: flags.propagationPolicy,
        });
        if (flags.appNamespace) q.set('appNamespace', flags.appNamespace);
        await client.request('DELETE', `/api/v1/applications/${encodeURIComponent(name)}?${q.toString()}`);
        io.out(`application ${name} deleted`);
      },
    );
}
