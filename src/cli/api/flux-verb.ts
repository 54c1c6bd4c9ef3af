/**
 * `reconcile|suspend|resume kustomization NAME` and `… source git NAME`: one POST to the Flux
 * verb of the object. `reconcile` then waits, as `flux reconcile` does, until the controller
 * has handled the request (`status.lastHandledReconcileAt` equals the annotation).
 */
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { CapstanError } from '../../core/index.ts';
import { sleep } from '../../core/index.ts';
import type { CliIo } from '../io.ts';
import { apiClient, type ServerFlags } from './client.ts';
import { FLUX_DEFAULT_NAMESPACE, fluxPath, type FluxObject } from './flux.ts';
import { outputOption, serverOptions } from './options.ts';
import { progress } from './progress.ts';

type Verb = 'reconcile' | 'suspend' | 'resume';
interface VerbFlags extends ServerFlags {
  output?: string;
  namespace: string;
  withSource?: boolean;
  timeout: string;
}

const KIND_NAMES: Record<string, string> = {
  kustomizations: 'Kustomization',
  gitrepositories: 'GitRepository',
};

async function run(io: CliIo, verb: Verb, resource: string, name: string, flags: VerbFlags): Promise<void> {
  if (flags.output !== undefined && flags.output !== 'json' && flags.output !== 'yaml')
    throw new CapstanError(`-o ${flags.output}: json or yaml`, { code: 'InvalidArgument' });
  const client = await apiClient(flags);
  const path = fluxPath(resource, flags.namespace, name);
  // With -o the object as the controller left it, instead of the one-line summary.
  const say = (line: string, obj: FluxObject) =>
    io.out(
      flags.output === 'json'
        ? JSON.stringify(obj, null, 2)
        : flags.output === 'yaml'
          ? stringify(obj).trimEnd()
          : line,
    );
  const ref = `${KIND_NAMES[resource] ?? resource}/${flags.namespace}/${name}`;
  const body = verb === 'reconcile' && flags.withSource ? { withSource: true } : undefined;
  const updated = await client.request<FluxObject>('POST', `${path}/${verb}`, body);
  if (verb === 'suspend') return say(`${ref} suspended`, updated);
  const requestedAt = updated.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'];
  const deadline = Date.now() + Number(flags.timeout) * 1000;
  const p = progress(`reconciling ${ref}`);
  try {
    for (;;) {
      const obj = await client.get<FluxObject>(path);
      const ready = obj.status?.conditions?.find((c) => c.type === 'Ready');
      p.update(`${ready?.status ?? 'Unknown'} ${ready?.message ?? ''}`.trim());
      if (obj.status?.lastHandledReconcileAt === requestedAt && ready && ready.status !== 'Unknown') {
        if (ready.status === 'False')
          throw new CapstanError(`${ref}: ${ready.message ?? 'not ready'}`, { code: 'NotReady' });
        p.done();
        const revision = obj.status?.lastAppliedRevision ?? obj.status?.artifact?.revision;
        return say(
          `${ref} ${verb === 'resume' ? 'resumed' : 'reconciled'}${revision ? ` (revision ${revision})` : ''}`,
          obj,
        );
      }
      if (Date.now() > deadline)
        throw new CapstanError(`${ref}: not reconciled within ${flags.timeout}s`, { code: 'Timeout' });
      await sleep(1000);
    }
  } finally {
    p.done();
  }
}

export function registerFluxVerb(program: Command, io: CliIo, verb: Verb, description: string): void {
  const cmd = program.command(verb).description(description);
  const add = (c: Command, resource: string) => {
    outputOption(serverOptions(c), 'json|yaml')
      .option('-n, --namespace <ns>', 'namespace', FLUX_DEFAULT_NAMESPACE)
      .option('--timeout <seconds>', 'how long to wait for the controller', '120');
    if (verb === 'reconcile' && resource === 'kustomizations')
      c.option('--with-source', 'reconcile the source first');
    c.action((name: string, flags: VerbFlags) => run(io, verb, resource, name, flags));
  };
  add(
    cmd.command('kustomization <name>').alias('ks').description(`${verb} a Kustomization`),
    'kustomizations',
  );
  const source = cmd.command('source').description(`${verb} a source`);
  add(source.command('git <name>').description(`${verb} a GitRepository`), 'gitrepositories');
}
