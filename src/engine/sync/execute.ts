/**
 * Running a planned sync against the cluster (gitops-engine `syncContext.Sync`, run to the end
 * instead of one step per call): dry-run every task first and stop if any fails (`run-dry.ts`);
 * then step by step (phase, wave) prune, replace BeforeHookCreation hooks, apply in runs of the
 * same kind, wait for the step's health when the sync has several steps or the step has hooks
 * (`run-wait.ts`), end hooks (`run-hooks.ts`), pause between waves. A failure runs the SyncFail
 * hooks.
 */
import { sleep, type KubeObject } from '../../core/index.ts';
import { mapLimit } from '../object/parallel.ts';
import { applyObject, deleteAndWait, reasonOf, type ApplyResult } from './apply.ts';
import { keyOfObject } from './delete.ts';
import { waitForEstablished } from './established.ts';
import { syncSteps, type SyncStep } from './plan.ts';
import { kubectlName, type SyncProgress } from './progress.ts';
import { pruneDecision } from './prune.ts';
import { applyOptionsFor, changeOf, createRunContext, progressed, type RunContext } from './run-context.ts';
import { dryRunTasks, finishDryRun } from './run-dry.ts';
import { endHooks, removeHookFinalizer } from './run-hooks.ts';
import { waitStep } from './run-wait.ts';
import type { SyncRunOptions } from './sync-options.ts';
import { CSA_MIGRATION_MANAGERS, takeoverPatch } from './takeover.ts';
import { isHookTask, isPrune, taskObject, type SyncTask } from './task.ts';

/** Consecutive tasks of the same kind (gitops-engine applies each such run in parallel). */
function kindRuns(tasks: readonly SyncTask[]): SyncTask[][] {
  const runs: SyncTask[][] = [];
  const kindOf = (t: SyncTask) => `${taskObject(t).apiVersion}/${taskObject(t).kind}`;
  for (const t of tasks) {
    const last = runs[runs.length - 1];
    if (last && kindOf(last[0]!) === kindOf(t)) last.push(t);
    else runs.push([t]);
  }
  return runs;
}

export class SyncExecution {
  readonly #ctx: RunContext;

  constructor(
    tasks: SyncTask[],
    prepared: { newNamespaces: ReadonlySet<string>; served: (obj: KubeObject) => boolean },
    o: SyncRunOptions,
    progress: SyncProgress,
  ) {
    this.#ctx = createRunContext(tasks, prepared, o, progress);
  }

  /** False (and the operation Failed) when the server refused any dry run. */
  dryRun(): Promise<boolean> {
    return dryRunTasks(this.#ctx);
  }

  finishDryRun(): void {
    finishDryRun(this.#ctx);
  }

  async run(): Promise<void> {
    const ctx = this.#ctx;
    const steps = syncSteps(ctx.tasks.filter((t) => t.phase !== 'SyncFail' && !ctx.run(t).skipped));
    const multiStep = steps.length > 1;
    for (let i = 0; i < steps.length; i++) {
      const last = i === steps.length - 1;
      const outcome = await this.#runStep(steps[i]!, multiStep, last);
      progressed(ctx);
      if (outcome === 'waiting') return;
      if (outcome !== 'ok') {
        await this.#runSyncFail();
        ctx.progress.finish('Failed', outcome);
        return;
      }
      if (!last && multiStep && ctx.o.waveDelayMs > 0) await sleep(ctx.o.waveDelayMs, ctx.o.signal);
    }
    ctx.progress.finish('Succeeded', 'successfully synced (all tasks run)');
  }

  /** `ok`, `waiting` (for a prune confirmation), or the failure message. */
  async #runStep(step: SyncStep, multiStep: boolean, last: boolean): Promise<string> {
    const { o, progress } = this.#ctx;
    const prunes = step.tasks.filter(isPrune);
    let awaiting = false;
    await mapLimit(prunes, o.concurrency, o.signal, async (t) => {
      if ((await this.#prune(t, multiStep)) === 'await-confirmation') awaiting = true;
    });
    if (awaiting) {
      progress.phase = 'Running';
      progress.message = 'waiting for pruning confirmation';
      return 'waiting';
    }
    const failed = (tasks: readonly SyncTask[]) => tasks.find((t) => this.#ctx.run(t).phase === 'Failed');
    const prunesFailed = failed(prunes);
    if (prunesFailed)
      return `one or more objects failed to apply, reason: ${this.#ctx.run(prunesFailed).message}`;

    const applies = step.tasks.filter((t) => !isPrune(t));
    for (const run of kindRuns(applies)) await mapLimit(run, o.concurrency, o.signal, (t) => this.#apply(t));
    const failedApply = failed(applies);
    if (failedApply)
      return `one or more objects failed to apply, reason: ${this.#ctx.run(failedApply).message}`;

    if (step.tasks.some(isHookTask) || (multiStep && !last)) {
      const failure = await waitStep(this.#ctx, step, multiStep);
      await endHooks(this.#ctx, step);
      if (failure) return failure;
    }
    return 'ok';
  }

  async #prune(t: SyncTask, multiStep: boolean): Promise<string> {
    const { o, progress } = this.#ctx;
    const run = this.#ctx.run(t);
    const d = pruneDecision(t, { prune: o.prune, dryRun: false, confirmed: o.pruneConfirmed });
    run.ran = true;
    if (d.action === 'await-confirmation') {
      progress.set(t, 'PruneSkipped', d.message);
      return d.action;
    }
    if (d.action !== 'delete') {
      run.phase = 'Succeeded';
      progress.set(t, d.status, d.message, { change: d.status === 'Pruned' ? 'pruned' : 'skipped' });
      return d.action;
    }
    try {
      await o.client.delete(keyOfObject(t.live!), {
        signal: o.signal,
        propagationPolicy: d.propagationPolicy,
      });
      // In syncs of several steps, the next step waits until the object is gone.
      run.phase = multiStep ? 'Running' : 'Succeeded';
      progress.set(t, 'Pruned', 'pruned', { change: 'pruned' });
    } catch (err) {
      if (o.signal.aborted) throw err;
      run.phase = 'Failed';
      run.message = reasonOf(err);
      progress.set(t, 'SyncFailed', run.message, { change: 'failed' });
    }
    return d.action;
  }

  async #apply(t: SyncTask): Promise<void> {
    const { o, progress } = this.#ctx;
    const run = this.#ctx.run(t);
    const target = t.target!;
    run.ran = true;
    try {
      let live = t.live;
      if (isHookTask(t) && live && t.deletePolicies.includes('BeforeHookCreation')) {
        await removeHookFinalizer(this.#ctx, live);
        await deleteAndWait(live, {
          signal: o.signal,
          client: o.client,
          deleteTimeoutMs: 60_000,
          pollIntervalMs: 100,
        });
        live = undefined;
      }
      if (
        live &&
        t.options.serverSideApply !== false &&
        t.options.clientSideApplyMigration !== false &&
        !t.options.replace
      )
        live = await this.#migrateClientSideApply(live);
      const dry = run.dry;
      const result: ApplyResult =
        !isHookTask(t) && live && dry && dry.action === 'unchanged' && !dry.recreated
          ? { ...dry, object: live }
          : await applyObject(target, live, applyOptionsFor(this.#ctx, t, false));
      run.minRv = result.object.metadata.resourceVersion;
      if (target.kind === 'CustomResourceDefinition' && target.apiVersion.startsWith('apiextensions.k8s.io/'))
        await waitForEstablished(target, { signal: o.signal, client: o.client });
      // Health decides from here on, if the step is waited for.
      run.phase = 'Running';
      run.message = `${kubectlName(result.object)} ${result.verb}`;
      progress.set(t, 'Synced', run.message, {
        change: changeOf(result),
        ...(isHookTask(t) && { hookPhase: 'Running' as const }),
      });
    } catch (err) {
      if (o.signal.aborted) throw err;
      run.phase = 'Failed';
      run.message = reasonOf(err);
      progress.set(t, 'SyncFailed', run.message, {
        change: 'failed',
        ...(isHookTask(t) && { hookPhase: 'Failed' as const }),
      });
    }
  }

  /**
   * Argo CD's client-side-apply migration: fields kubectl's client-side apply owns move to our
   * server-side apply manager first, so switching an application to SSA removes what Git dropped.
   */
  async #migrateClientSideApply(live: KubeObject): Promise<KubeObject> {
    const { o } = this.#ctx;
    const patch = takeoverPatch(live, o.fieldManager, CSA_MIGRATION_MANAGERS, {
      annotations: [],
      labels: [],
    });
    if (patch.length === 0) return live;
    return o.client.patch(keyOfObject(live), { type: 'json', body: patch }, { signal: o.signal });
  }

  /** SyncFail hooks, after a failure: created, waited for and cleaned up like any hook. */
  async #runSyncFail(): Promise<void> {
    for (const step of syncSteps(this.#ctx.tasks.filter((t) => t.phase === 'SyncFail'))) {
      for (const t of step.tasks) await this.#apply(t);
      await waitStep(this.#ctx, step, false);
      await endHooks(this.#ctx, step);
    }
  }
}
