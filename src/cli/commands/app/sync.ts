import type { Command } from 'commander';
import { CapstanError } from '../../../core/index.ts';
import { healthOf, syncOf, type App } from '../../api/app-types.ts';
import { apiClient, appQuery, type ServerFlags } from '../../api/client.ts';
import { outputOption, serverOptions } from '../../api/options.ts';
import { waitForApp } from '../../api/wait-app.ts';
import type { CliIo } from '../../io.ts';
import { printApp } from './get.ts';

interface SyncFlags extends ServerFlags {
  output?: string;
  appNamespace?: string;
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  force?: boolean;
  resource?: string[];
  syncOption?: string[];
  async?: boolean;
  timeout: string;
}

/** `GROUP:KIND:NAME` or `GROUP:KIND:NAMESPACE/NAME`, as argocd's `--resource`. */
function resourceRef(text: string) {
  const [group = '', kind = '', rest = ''] = text.split(':');
  if (!kind || !rest)
    throw new CapstanError(`--resource ${text}: GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME`, {
      code: 'InvalidArgument',
    });
  const slash = rest.indexOf('/');
  return slash < 0
    ? { group, kind, name: rest }
    : { group, kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
}

/**
 * `capstan app sync NAME`: asks for a sync (the server writes `.operation`), then waits for the
 * operation to finish unless `--async`; a failed sync exits non-zero.
 */
export function register(app: Command, io: CliIo): void {
  outputOption(
    serverOptions(app.command('sync <name>').description('sync an application to its target state')),
  )
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .option('--revision <rev>', 'sync to this revision instead of the target')
    .option('--prune', 'delete resources no longer in Git')
    .option('--dry-run', 'preview the sync without changing anything')
    .option('--force', 'delete and recreate resources that cannot be patched')
    .option('--resource <GROUP:KIND:NAME...>', 'sync only these resources')
    .option('--sync-option <KEY=VALUE...>', 'Argo CD sync options, e.g. ServerSideApply=true')
    .option('--async', 'do not wait for the sync to finish')
    .option('--timeout <seconds>', 'how long to wait', '300')
    .action(async (name: string, flags: SyncFlags) => {
      const client = await apiClient(flags);
      const body = {
        ...(flags.appNamespace ? { appNamespace: flags.appNamespace } : {}),
        ...(flags.revision ? { revision: flags.revision } : {}),
        ...(flags.prune ? { prune: true } : {}),
        ...(flags.dryRun ? { dryRun: true } : {}),
        ...(flags.force ? { strategy: { apply: { force: true } } } : {}),
        ...(flags.resource ? { resources: flags.resource.map(resourceRef) } : {}),
        ...(flags.syncOption ? { syncOptions: { items: flags.syncOption } } : {}),
      };
      const path = `/api/v1/applications/${encodeURIComponent(name)}`;
      const requested = await client.request<App>('POST', `${path}/sync`, body);
      if (flags.async) {
        io.out(`sync of ${requested.metadata.namespace}/${name} requested`);
        return;
      }
      const before = requested.status?.operationState?.startedAt;
      const finished = await waitForApp(
        client,
        `${path}${appQuery(flags.appNamespace)}`,
        `syncing ${name}`,
        (a) => {
          const op = a.status?.operationState;
          return (
            !a.operation &&
            op !== undefined &&
            op.startedAt !== before &&
            op.phase !== 'Running' &&
            op.phase !== 'Terminating'
          );
        },
        (a) => `${a.status?.operationState?.phase ?? 'Pending'} · ${syncOf(a)} · ${healthOf(a)}`,
        Number(flags.timeout),
      );
      printApp(io, finished, flags.output, client.server);
      const phase = finished.status?.operationState?.phase;
      if (phase !== 'Succeeded')
        throw new CapstanError(
          `Application/${finished.metadata.namespace}/${name}: sync ${phase ?? 'failed'}: ${finished.status?.operationState?.message ?? ''}`,
          { code: 'SyncFailed' },
        );
    });
}
