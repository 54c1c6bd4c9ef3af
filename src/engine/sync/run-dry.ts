/**
 * The dry run before anything is written: every task that can be dry-run is, and one refusal fails
 * the operation with "one or more objects failed to apply (dry run)". The outcomes tell which
 * objects are unchanged (not written; with ApplyOutOfSyncOnly left out) and, for a whole-sync dry
 * run, are the result.
 */
import { errorCode } from '../../core/index.ts';
import { mapLimit } from '../object/parallel.ts';
import { applyObject, reasonOf } from './apply.ts';
import { kubectlName } from './progress.ts';
import { pruneDecision } from './prune.ts';
import { applyOptionsFor, changeOf, type RunContext } from './run-context.ts';
import { isHookTask, isPrune } from './task.ts';

export async function dryRunTasks(ctx: RunContext): Promise<boolean> {
  const { o } = ctx;
  const candidates = ctx.tasks.filter((t) => {
    if (!t.target || t.phase === 'SyncFail') return false;
    if (ctx.newNamespaces.has(t.target.metadata.namespace ?? '')) return false;
    // Skipped dry runs (a CRD of this sync) are still tried when the kind is served already,
    // only to learn what is unchanged; their failures do not count.
    return !t.skipDryRun || ctx.served(t.target);
  });
  let failed = 0;
  await mapLimit(candidates, o.concurrency, o.signal, async (t) => {
    // A hook replaced before creation is dry-run as the new object it will be.
    const replaced = isHookTask(t) && t.deletePolicies.includes('BeforeHookCreation');
    try {
      ctx.run(t).dry = await applyObject(
        t.target!,
        replaced ? undefined : t.live,
        applyOptionsFor(ctx, t, true),
      );
    } catch (err) {
      if (o.signal.aborted) throw err;
      if (t.skipDryRun || (replaced && errorCode(err) === 'AlreadyExists')) return;
      failed++;
      ctx.progress.set(t, 'SyncFailed', reasonOf(err), { change: 'failed' });
    }
  });
  if (failed > 0) {
    ctx.progress.finish('Failed', 'one or more objects failed to apply (dry run)');
    return false;
  }
  if (o.syncOptions.applyOutOfSyncOnly) {
    for (const t of ctx.tasks) {
      const dry = ctx.run(t).dry;
      if (t.target && t.live && !isHookTask(t) && dry?.action === 'unchanged' && !dry.recreated)
        ctx.run(t).skipped = true;
    }
  }
  return true;
}

/** A whole-sync dry run ends here: what would happen, nothing written. */
export function finishDryRun(ctx: RunContext): void {
  const { o, progress } = ctx;
  for (const t of ctx.tasks) {
    if (t.phase === 'SyncFail' || ctx.run(t).skipped) continue;
    if (isPrune(t)) {
      const d = pruneDecision(t, { prune: o.prune, dryRun: true, confirmed: o.pruneConfirmed });
      if (d.action === 'skip' || d.action === 'none')
        progress.set(t, d.status, d.message, { change: d.status === 'Pruned' ? 'pruned' : 'skipped' });
      else
        progress.set(t, 'PruneSkipped', d.action === 'await-confirmation' ? d.message : 'pruned (dry run)');
      continue;
    }
    const dry = ctx.run(t).dry;
    const obj = dry?.object ?? t.target!;
    progress.set(t, 'Synced', `${kubectlName(obj)} ${dry?.verb ?? 'created'} (dry run)`, {
      change: dry ? changeOf(dry) : 'created',
    });
  }
  progress.finish('Succeeded', 'successfully synced (dry run)');
}
