import { Command, CommanderError } from 'commander';
import { errorMessage } from '../core/index.ts';
import { closeCoreApis } from './api/client.ts';
import { VERSION } from './version.ts';
import { processIo, type CliIo } from './io.ts';
import * as version from './commands/version.ts';
import * as up from './commands/up.ts';
import * as cluster from './commands/cluster.ts';
import * as kustomizeBuild from './commands/kustomize-build.ts';
import * as install from './commands/install.ts';
import * as login from './commands/login.ts';
import * as logout from './commands/logout.ts';
import * as app from './commands/app.ts';
import * as get from './commands/get.ts';
import * as reconcile from './commands/reconcile.ts';
import * as suspend from './commands/suspend.ts';
import * as resume from './commands/resume.ts';

/** Every command module exports `register(program, io)`. */
const COMMANDS = [
  version,
  up,
  cluster,
  kustomizeBuild,
  install,
  login,
  logout,
  app,
  get,
  reconcile,
  suspend,
  resume,
];

/** Builds the `capstan` program; commands write through `io`. */
export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('capstan')
    .description('GitOps continuous delivery for Kubernetes, speaking Argo CD and Flux')
    .version(VERSION, '--version', 'print the version')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  for (const c of COMMANDS) c.register(program, io);
  program.on('command:*', (operands: string[]) => {
    io.err(`capstan: unknown command '${operands[0] ?? ''}'\n`);
    io.err(program.helpInformation());
    throw new CommanderError(2, 'capstan.unknownCommand', 'unknown command');
  });
  return program;
}

/** Runs the CLI and resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and --version exit 0; every usage error is non-zero
      return err.exitCode;
    }
    io.err(`capstan: ${errorMessage(err)}`);
    return 1;
  } finally {
    await closeCoreApis();
  }
}
