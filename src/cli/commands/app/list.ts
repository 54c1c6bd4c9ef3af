import type { Command } from 'commander';
import { apiClient, type ServerFlags } from '../../api/client.ts';
import { healthOf, isAutomated, sourceOf, syncOf, type App } from '../../api/app-types.ts';
import { outputOption, serverOptions } from '../../api/options.ts';
import type { CliIo } from '../../io.ts';
import { outputFormat, print } from '../../output.ts';

export const appColumns = {
  headers: ['NAME', 'CLUSTER', 'NAMESPACE', 'PROJECT', 'STATUS', 'HEALTH', 'SYNCPOLICY', 'CONDITIONS'],
  row: (a: App) => [
    `${a.metadata.namespace}/${a.metadata.name}`,
    a.spec.destination?.server ?? a.spec.destination?.name ?? '',
    a.spec.destination?.namespace ?? '',
    a.spec.project ?? 'default',
    syncOf(a),
    healthOf(a),
    isAutomated(a) ? 'Auto' + (a.spec.syncPolicy?.automated?.prune ? '-Prune' : '') : 'Manual',
    (a.status?.conditions ?? []).map((c) => c.type).join(',') || '<none>',
  ],
  wideHeaders: ['REPO', 'PATH', 'TARGET'],
  wideRow: (a: App) => [sourceOf(a).repoURL ?? '', sourceOf(a).path ?? '', sourceOf(a).targetRevision ?? ''],
};

/** `capstan app list`: Argo's columns; the filters run on the server. */
export function register(app: Command, io: CliIo): void {
  outputOption(serverOptions(app.command('list').description('list applications')))
    .option('-p, --project <project...>', 'only these projects')
    .option('-l, --selector <selector>', 'label selector')
    .option('--health <status>', 'only this health status')
    .option('--sync <status>', 'only this sync status')
    .action(
      async (
        flags: ServerFlags & {
          output?: string;
          project?: string[];
          selector?: string;
          health?: string;
          sync?: string;
        },
      ) => {
        const format = outputFormat(flags.output);
        const client = await apiClient(flags);
        const q = new URLSearchParams();
        for (const p of flags.project ?? []) q.append('projects', p);
        if (flags.selector) q.set('selector', flags.selector);
        if (flags.health) q.set('health', flags.health);
        if (flags.sync) q.set('sync', flags.sync);
        const list = await client.get<{ items: App[] }>(
          `/api/v1/applications${q.size ? `?${q.toString()}` : ''}`,
        );
        print(io, format, list.items, appColumns, (a) => a.metadata.name);
      },
    );
}
