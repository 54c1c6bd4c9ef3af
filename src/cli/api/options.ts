/** The flags every command that talks to the server takes. */
import type { Command } from 'commander';

export function serverOptions(command: Command): Command {
  return command
    .option('--server <url>', 'Capstan server (default: the stored context)')
    .option('--auth-token <token>', 'session or API token (default: the stored context)');
}

export function outputOption(command: Command, formats = 'json|yaml|wide'): Command {
  return command.option('-o, --output <format>', `output format: ${formats}`);
}
