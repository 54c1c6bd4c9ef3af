import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import * as list from './app/list.ts';
import * as get from './app/get.ts';
import * as diff from './app/diff.ts';
import * as sync from './app/sync.ts';
import * as wait from './app/wait.ts';
import * as history from './app/history.ts';
import * as rollback from './app/rollback.ts';
import * as del from './app/delete.ts';
import * as manifests from './app/manifests.ts';
import * as create from './app/create.ts';
import * as set from './app/set.ts';
import * as unset from './app/unset.ts';
import * as terminateOp from './app/terminate-op.ts';

/** `capstan app …`: Argo CD's application verbs, through the Capstan API. */
export function register(program: Command, io: CliIo): void {
  const app = program.command('app').description('manage Argo CD Applications');
  for (const c of [
    list,
    get,
    create,
    set,
    unset,
    diff,
    sync,
    wait,
    history,
    rollback,
    terminateOp,
    del,
    manifests,
  ])
    c.register(app, io);
}
