import type { Command } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { apiClient, appQuery, type ServerFlags } from '../../api/client.ts';
import { serverOptions } from '../../api/options.ts';
import type { CliIo } from '../../io.ts';

interface ResourceDiff {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  targetState?: string;
  normalizedLiveState?: string;
  predictedLiveState?: string;
  liveState?: string;
  modified?: boolean;
}

const yaml = (json: string | undefined) => {
  const v: unknown = json === undefined ? null : JSON.parse(json);
  return v === null ? '' : stringify(v);
};

/**
 * `capstan app diff NAME`: for every OutOfSync resource, the live state (normalized) against what
 * a sync would make it, as a unified diff of YAML, with Secrets masked by the server. Exits 1
 * when there are differences, as `argocd app diff` does.
 */
export function register(app: Command, io: CliIo): void {
  serverOptions(app.command('diff <name>').description('show what a sync would change'))
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .option('--exit-code <bool>', 'exit 1 when there are differences', 'true')
    .action(async (name: string, flags: ServerFlags & { appNamespace?: string; exitCode: string }) => {
      const client = await apiClient(flags);
      const { items } = await client.get<{ items: ResourceDiff[] }>(
        `/api/v1/applications/${encodeURIComponent(name)}/managed-resources${appQuery(flags.appNamespace)}`,
      );
      const changed = items.filter((r) => r.modified);
      for (const r of changed) {
        const ref = `${r.group ?? ''}/${r.kind} ${r.namespace ?? ''}/${r.name}`;
        const live = yaml(r.normalizedLiveState ?? r.liveState);
        const target = yaml(r.predictedLiveState ?? r.targetState);
        io.out(`===== ${ref} ======`);
        io.out(
          createTwoFilesPatch(`live ${ref}`, `target ${ref}`, live, target, '', '', { context: 3 })
            .split('\n')
            .slice(2)
            .join('\n')
            .trimEnd(),
        );
      }
      if (changed.length && flags.exitCode !== 'false') process.exitCode = 1;
    });
}
