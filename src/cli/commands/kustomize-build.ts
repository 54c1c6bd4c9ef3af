import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { kustomizeBuildYaml } from '../../app/index.ts';
import type { CliIo } from '../io.ts';

const RESTRICTORS = ['LoadRestrictionsRootOnly', 'LoadRestrictionsNone'] as const;
type Restrictor = (typeof RESTRICTORS)[number];

function restrictor(v: string): Restrictor {
  if (!(RESTRICTORS as readonly string[]).includes(v)) {
    throw new InvalidArgumentError(`must be one of ${RESTRICTORS.join(', ')}`);
  }
  return v as Restrictor;
}

/**
 * `capstan kustomize build DIR`: prints exactly what `kubectl kustomize DIR` prints (kustomize
 * v5.5.0), rendered natively. Failures go to stderr with a non-zero exit.
 */
export function register(program: Command, io: CliIo): void {
  const kustomize = program
    .command('kustomize')
    .description('render kustomizations natively (kustomize v5.5.0)');
  kustomize
    .command('build')
    .description('print the resources a kustomization directory produces, as `kubectl kustomize DIR` does')
    .argument('[dir]', 'directory holding a kustomization.yaml', '.')
    .option(
      '--load-restrictor <restrictor>',
      `file loading restriction: ${RESTRICTORS.join('|')}`,
      restrictor,
      'LoadRestrictionsRootOnly',
    )
    .option('--enable-alpha-plugins', 'allow non-built-in plugins (Capstan does not run them)', false)
    .action(async (dir: string, opts: { loadRestrictor: Restrictor; enableAlphaPlugins: boolean }) => {
      const { yaml, warnings } = await kustomizeBuildYaml(dir, {
        loadRestrictor: opts.loadRestrictor,
        enableAlphaPlugins: opts.enableAlphaPlugins,
      });
      for (const w of warnings) io.err(w);
      if (yaml !== '') io.out(yaml);
    });
}
