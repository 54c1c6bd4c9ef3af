import type { Command } from 'commander';
import type { App } from '../../api/app-types.ts';
import { apiClient, appQuery, type ServerFlags } from '../../api/client.ts';
import { serverOptions } from '../../api/options.ts';
import type { CliIo } from '../../io.ts';
import { applySpecFlags, specOptions, type SpecFlags } from './spec-flags.ts';

/**
 * `capstan app set NAME`: changes the given fields of an application's spec (source, destination,
 * project, sync policy, directory and kustomize options) and leaves the rest, as `argocd app set`.
 */
export function register(app: Command, io: CliIo): void {
  specOptions(serverOptions(app.command('set <name>').description("change an application's spec")))
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .option('--no-validate', "skip the server's source validation")
    .action(
      async (name: string, flags: ServerFlags & SpecFlags & { appNamespace?: string; validate: boolean }) => {
        const client = await apiClient(flags);
        const path = `/api/v1/applications/${encodeURIComponent(name)}`;
        const current = await client.get<App>(`${path}${appQuery(flags.appNamespace)}`);
        const spec = structuredClone(current.spec) as Record<string, unknown>;
        applySpecFlags(spec, flags);
        const q = new URLSearchParams();
        if (flags.appNamespace) q.set('appNamespace', flags.appNamespace);
        if (!flags.validate) q.set('validate', 'false');
        await client.request('PUT', `${path}/spec${q.size ? `?${q.toString()}` : ''}`, spec);
        io.out(`application '${name}' updated`);
      },
    );
}
