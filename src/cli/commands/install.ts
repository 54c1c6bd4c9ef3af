import { InvalidArgumentError, type Command } from 'commander';
import { installManifestsText } from '../../app/index.ts';
import type { CliIo } from '../io.ts';

function output(v: string): 'yaml' | 'json' {
  if (v !== 'yaml' && v !== 'json') throw new InvalidArgumentError('must be yaml or json');
  return v;
}

/**
 * `capstan install`: prints the manifests that install Capstan into a cluster, for
 * `capstan install --crds | kubectl apply --server-side -f -`. So far only the CRDs.
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('install')
    .description(
      'print the manifests that install Capstan into a cluster (apply them with kubectl apply --server-side -f -)',
    )
    .option('--crds', "only the CustomResourceDefinitions of Argo CD's and Flux's APIs", false)
    .option('-o, --output <format>', 'yaml|json', output, 'yaml')
    .action((opts: { crds: boolean; output: 'yaml' | 'json' }) => {
      io.out(installManifestsText({ crdsOnly: opts.crds, output: opts.output }));
    });
}
