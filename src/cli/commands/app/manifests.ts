import type { Command } from 'commander';
import { stringify } from 'yaml';
import { CapstanError } from '../../../core/index.ts';
import { apiClient, appQuery, type ServerFlags } from '../../api/client.ts';
import { serverOptions } from '../../api/options.ts';
import type { CliIo } from '../../io.ts';

interface Managed {
  targetState?: string;
  liveState?: string;
}

/**
 * `capstan app manifests NAME`: the rendered target manifests (`--source git`, the default) or
 * the live objects (`--source live`), as a YAML stream like `argocd app manifests`; Secrets come
 * masked from the server.
 */
export function register(app: Command, io: CliIo): void {
  serverOptions(app.command('manifests <name>').description("print an application's manifests"))
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .option('--source <source>', 'git (what Git renders) or live (what the cluster holds)', 'git')
    .action(async (name: string, flags: ServerFlags & { appNamespace?: string; source: string }) => {
      if (flags.source !== 'git' && flags.source !== 'live')
        throw new CapstanError(`--source ${flags.source}: git or live`, { code: 'InvalidArgument' });
      const client = await apiClient(flags);
      const { items } = await client.get<{ items: Managed[] }>(
        `/api/v1/applications/${encodeURIComponent(name)}/managed-resources${appQuery(flags.appNamespace)}`,
      );
      const docs = items
        .map((r) => (flags.source === 'git' ? r.targetState : r.liveState))
        .filter((s): s is string => s !== undefined && s !== 'null')
        .map((s) => stringify(JSON.parse(s)).trimEnd());
      io.out(docs.map((d) => `---\n${d}`).join('\n'));
    });
}
