import type { Command } from 'commander';
import type { CliIo } from '../io.ts';

/**
 * `capstan up` starts the embedded cluster, controllers, API and UI. Until those modules land it
 * says what exists and exits 0, so `npm start` is honest about the state of the project.
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('up')
    .description('start Capstan with its embedded cluster, controllers, API server and web UI')
    .option('--port <port>', 'API and UI port', '8080')
    .option('--data-dir <dir>', 'where state is kept', '~/.capstan')
    .option('--no-demo', 'do not create the demo repository and applications')
    .action(() => {
      io.out(
        [
          'capstan up: the embedded cluster, controllers, API server and UI are not built yet.',
          'What exists today: `capstan version`. Run `npm test` to see the test suite.',
        ].join('\n'),
      );
    });
}
