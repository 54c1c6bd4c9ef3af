import type { Command } from 'commander';
import { apiClient, type ServerFlags } from '../api/client.ts';
import { FLUX_DEFAULT_NAMESPACE, fluxColumns, fluxPath, type FluxObject } from '../api/flux.ts';
import { outputOption, serverOptions } from '../api/options.ts';
import type { CliIo } from '../io.ts';
import { outputFormat, print } from '../output.ts';

interface GetFlags extends ServerFlags {
  output?: string;
  namespace: string;
  allNamespaces?: boolean;
}

async function show(io: CliIo, resource: string, name: string | undefined, flags: GetFlags): Promise<void> {
  const client = await apiClient(flags);
  const format = outputFormat(flags.output);
  if (name) {
    const obj = await client.get<FluxObject>(fluxPath(resource, flags.namespace, name));
    return print(io, format, obj, fluxColumns);
  }
  const q = flags.allNamespaces ? '' : `?namespace=${encodeURIComponent(flags.namespace)}`;
  const list = await client.get<{ items: FluxObject[] }>(`/api/v1/flux/${resource}${q}`);
  print(io, format, list.items, fluxColumns, (o) => o.metadata.name);
}

const withFlags = (c: Command) =>
  outputOption(serverOptions(c))
    .option('-n, --namespace <ns>', 'namespace', FLUX_DEFAULT_NAMESPACE)
    .option('-A, --all-namespaces', 'every namespace');

/** `capstan get kustomizations|sources git [NAME]`: Flux's `flux get`. */
export function register(program: Command, io: CliIo): void {
  const get = program.command('get').description('show Flux objects');
  withFlags(
    get
      .command('kustomizations [name]')
      .alias('kustomization')
      .alias('ks')
      .description('show Kustomizations'),
  ).action((name: string | undefined, flags: GetFlags) => show(io, 'kustomizations', name, flags));
  const sources = get.command('sources').description('show sources');
  withFlags(sources.command('git [name]').description('show GitRepositories')).action(
    (name: string | undefined, flags: GetFlags) => show(io, 'gitrepositories', name, flags),
  );
  // `capstan get sources` alone lists every source kind Capstan serves (Git for now).
  withFlags(sources).action((flags: GetFlags) => show(io, 'gitrepositories', undefined, flags));
}
