/**
 * `reconcile|suspend|resume kustomization NAME` and `… source git NAME`: one POST to the Flux
 * verb of the object. `reconcile` then waits, as `flux reconcile` does, until the controller
 * has handled the request (`status.lastHandledReconcileAt` equals the annotation).
 */
import type { Command } from 'commander';
import { CapstanError } from '../../core/index.ts';
import { sleep } from '../../core/index.ts';
import type { CliIo } from '../io.ts';
import { apiClient, type ServerFlags } from './client.ts';
import { FLUX_DEFAULT_NAMESPACE, fluxPath, type FluxObject } from './flux.ts';
import { serverOptions } from './options.ts';
import { progress } from './progress.ts';

type Verb = 'reconcile' | 'suspend' | 'resume';
interface VerbFlags extends ServerFlags {
  namespace: string;
  withSource?: boolean;
  timeout: string;
}

const KIND_NAMES: Record<string, string> = {
  kustomizations: 'Kustomization',
  gitrepositories: 'GitRepository',
};

async function run(io: CliIo, verb: Verb, resource: string, name: string, flags: VerbFlags): Promise<void> {
  const client = await apiClient(flags);
  const path = fluxPath(resource, flags.namespace, name);
  const ref = `${KIND_NAMES[resource] ?? resource}/${flags.namespace}/${name}`;
  const body = verb === 'reconcile' && flags.withSource ? { withSource: true } : undefined;
  const updated = await client.request<FluxObject>('POST', `${path}/${verb}`, body);
  if (verb === 'suspend') return io.out(`${ref} suspended`);
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
        return io.out(
          `${ref} ${verb === 'resume' ? 'resumed' : 'reconciled'}${revision ? ` (revision ${revision})` : ''}`,
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
    serverOptions(c)
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
