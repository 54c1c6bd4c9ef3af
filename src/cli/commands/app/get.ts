import type { Command } from 'commander';
import { apiClient, type ServerFlags } from '../../api/client.ts';
import { healthOf, sourceOf, syncOf, isAutomated, type App } from '../../api/app-types.ts';
import { outputOption, serverOptions } from '../../api/options.ts';
import type { CliIo } from '../../io.ts';
import { outputFormat, table } from '../../output.ts';
import { stringify } from 'yaml';

/** Argo CD's `app get` layout: a summary, then one line per resource with its sync and health. */
export function describeApp(a: App, server: string): string {
  const src = sourceOf(a);
  const op = a.status?.operationState;
  const summary = table([
    ['Name:', `${a.metadata.namespace}/${a.metadata.name}`],
    ['Project:', a.spec.project ?? 'default'],
    ['Server:', a.spec.destination?.server ?? a.spec.destination?.name ?? ''],
    ['Namespace:', a.spec.destination?.namespace ?? ''],
    ['URL:', `${server}/applications/${a.metadata.namespace}/${a.metadata.name}`],
    ['Repo:', src.repoURL ?? ''],
    ['Target:', src.targetRevision ?? ''],
    ['Path:', src.path ?? ''],
    [
      'SyncPolicy:',
      isAutomated(a) ? 'Automated' + (a.spec.syncPolicy?.automated?.prune ? ' (Prune)' : '') : 'Manual',
    ],
    [
      'Sync Status:',
      `${syncOf(a)}${a.status?.sync?.revision ? ` to ${src.targetRevision ?? ''} (${a.status.sync.revision.slice(0, 7)})` : ''}`,
    ],
    ['Health Status:', healthOf(a)],
  ]);
  const parts = [summary];
  if (op)
    parts.push(
      '',
      table([
        ['Operation:', 'Sync'],
        ['Phase:', op.phase ?? ''],
        ['Message:', op.message ?? ''],
      ]),
    );
  for (const c of a.status?.conditions ?? []) parts.push('', `CONDITION ${c.type}: ${c.message}`);
  const resources = a.status?.resources ?? [];
  if (resources.length) {
    parts.push(
      '',
      table([
        ['GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'MESSAGE'],
        ...resources.map((r) => [
          r.group ?? '',
          r.kind,
          r.namespace ?? '',
          r.name,
          r.status ?? '',
          r.health?.status ?? '',
          r.health?.message ?? '',
        ]),
      ]),
    );
  }
  return parts.join('\n');
}

/** One application as `-o json`, `-o yaml`, or Argo CD's `app get` layout (table and wide). */
export function printApp(io: CliIo, a: App, output: string | undefined, server: string): void {
  const format = outputFormat(output);
  if (format === 'json') io.out(JSON.stringify(a, null, 2));
  else if (format === 'yaml') io.out(stringify(a).trimEnd());
  else io.out(describeApp(a, server));
}

export function register(app: Command, io: CliIo): void {
  outputOption(
    serverOptions(app.command('get <name>').description('show an application, its status and resources')),
  )
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .option('--refresh', 'ask the controller to re-read Git first')
    .option('--hard-refresh', 'refresh bypassing the manifest cache')
    .action(
      async (
        name: string,
        flags: ServerFlags & {
          output?: string;
          appNamespace?: string;
          refresh?: boolean;
          hardRefresh?: boolean;
        },
      ) => {
        outputFormat(flags.output); // a bad -o fails before any request
        const client = await apiClient(flags);
        const q = new URLSearchParams();
        if (flags.appNamespace) q.set('appNamespace', flags.appNamespace);
        if (flags.refresh || flags.hardRefresh) q.set('refresh', flags.hardRefresh ? 'hard' : 'normal');
        const a = await client.get<App>(
          `/api/v1/applications/${encodeURIComponent(name)}${q.size ? `?${q.toString()}` : ''}`,
        );
        printApp(io, a, flags.output, client.server);
      },
    );
}
