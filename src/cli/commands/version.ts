import type { Command } from 'commander';
import { VERSION } from '../version.ts';
import type { CliIo } from '../io.ts';

export function register(program: Command, io: CliIo): void {
  program
    .command('version')
    .description('print the Capstan version')
    .option('-o, --output <format>', 'output format: text|json|yaml', 'text')
    .action((opts: { output: string }) => {
      const info = {
        version: VERSION,
        node: process.version,
        platform: `${process.platform}/${process.arch}`,
      };
      if (opts.output === 'json') io.out(JSON.stringify(info, null, 2));
      else if (opts.output === 'yaml')
        io.out(`version: ${info.version}\nnode: ${info.node}\nplatform: ${info.platform}`);
      else io.out(`capstan ${VERSION}`);
    });
}
