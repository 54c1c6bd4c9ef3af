import type { Command } from 'commander';
import type { App } from '../../api/app-types.ts';
import { apiClient, appQuery, type ServerFlags } from '../../api/client.ts';
import { serverOptions } from '../../api/options.ts';
import type { CliIo } from '../../io.ts';
import { imageName } from './spec-flags.ts';

interface UnsetFlags extends ServerFlags {
  appNamespace?: string;
  kustomizeImage?: string[];
  kustomizeReplica?: string[];
  kustomizeNamespace?: boolean;
  nameprefix?: boolean;
  namesuffix?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `capstan app unset NAME`: removes kustomize overrides from the first source, as `argocd app unset`. */
export function register(app: Command, io: CliIo): void {
  serverOptions(app.command('unset <name>').description("remove overrides from an application's source"))
    .option('-N, --app-namespace <ns>', "the application's namespace")
    .option('--kustomize-image <image>', 'remove the override of this image (repeatable)', collect)
    .option(
      '--kustomize-replica <name>',
      'remove the replica override of this resource (repeatable)',
      collect,
    )
    .option('--kustomize-namespace', 'remove the kustomize namespace')
    .option('--nameprefix', 'remove the kustomize name prefix')
    .option('--namesuffix', 'remove the kustomize name suffix')
    .action(async (name: string, flags: UnsetFlags) => {
      const client = await apiClient(flags);
      const path = `/api/v1/applications/${encodeURIComponent(name)}`;
      const current = await client.get<App>(`${path}${appQuery(flags.appNamespace)}`);
      const spec = structuredClone(current.spec) as Record<string, unknown>;
      const sources = spec['sources'] as Record<string, unknown>[] | undefined;
      const source = (sources?.[0] ?? spec['source']) as Record<string, unknown> | undefined;
      const k = source?.['kustomize'] as Record<string, unknown> | undefined;
      let changed = false;
      const drop = (field: string) => {
        if (k && field in k) {
          delete k[field];
          changed = true;
        }
      };
      if (flags.kustomizeNamespace) drop('namespace');
      if (flags.nameprefix) drop('namePrefix');
      if (flags.namesuffix) drop('nameSuffix');
      if (k && flags.kustomizeImage?.length) {
        const names = new Set(flags.kustomizeImage.map(imageName));
        const kept = ((k['images'] as string[] | undefined) ?? []).filter((i) => !names.has(imageName(i)));
        changed ||= kept.length !== ((k['images'] as string[] | undefined) ?? []).length;
        if (kept.length) k['images'] = kept;
        else delete k['images'];
      }
      if (k && flags.kustomizeReplica?.length) {
        const all = (k['replicas'] as { name: string }[] | undefined) ?? [];
        const kept = all.filter((r) => !flags.kustomizeReplica!.includes(r.name));
        changed ||= kept.length !== all.length;
        if (kept.length) k['replicas'] = kept;
        else delete k['replicas'];
      }
      if (k && source && Object.keys(k).length === 0) delete source['kustomize'];
      if (!changed) {
        io.out(`application '${name}': nothing to unset`);
        return;
      }
      const q = appQuery(flags.appNamespace);
      await client.request('PUT', `${path}/spec${q}`, spec);
      io.out(`application '${name}' updated`);
    });
}
