/**
 * Running a planned sync against the cluster (gitops-engine `syncContext.Sync`, run to the end
 * instead of one step per call): dry-run every task first and stop if any fails; then step by step
 * (phase, wave) prune, replace BeforeHookCreation hooks, apply in runs of the same kind, wait for
 * the step's health when the sync has several steps or the step has hooks, end hooks (finalizer
 * off, delete policies), pause between waves. A failure runs the SyncFail hooks.
 */
import { errorMessage, formatRef, sleep, type KubeObject } from '../../core/index.ts';
import type { KubeReader } from '../../kube/index.ts';
import { getHealth } from '../health/registry.ts';
import { ARGO_HOOK_FINALIZER } from '../object/annotations.ts';
import { mapLimit } from '../object/parallel.ts';
import { applyObject, deleteAndWait, reasonOf, type ApplyObjectOptions, type ApplyResult } from './apply.ts';
import type { ChangeAction } from './changeset.ts';
import { keyOfObject } from './delete.ts';
import {
  hookPhaseFromHealth,
  resourcePhaseFromHealth,
  waitingMessage,
  type OperationPhase,
} from './operation.ts';
import { syncSteps, type SyncStep } from './plan.ts';
import { kubectlName, type SyncProgress } from './progress.ts';
import { pruneDecision } from './prune.ts';
import type { SyncRunOptions } from './sync-options.ts';
import { isHookTask, isPrune, taskObject, type SyncTask } from './task.ts';
import { waitForEstablished } from './established.ts';
import { CSA_MIGRATION_MANAGERS, takeoverPatch } from './takeover.ts';

interface TaskRun {
  dry: ApplyResult | undefined;
  phase: OperationPhase;
  message: string;
  /** ApplyOutOfSyncOnly: in sync already, left out. */
  skipped: boolean;
  /** Our write's resourceVersion: older reads (a lagging cache) do not count. */
  minRv: string | undefined;
  pendingDeletion: boolean;
  ran: boolean;
}

/** Numeric resourceVersions compare as numbers; anything else counts as new enough. */
function olderThan(rv: string | undefined, min: string | undefined): boolean {
  if (!rv || !min || !/^\d+$/.test(rv) || !/^\d+$/.test(min)) return false;
  return BigInt(rv) < BigInt(min);
}

/** Consecutive tasks of the same kind (gitops-engine applies each such run in parallel). */
function kindRuns(tasks: readonly SyncTask[]): SyncTask[][] {
  const runs: SyncTask[][] = [];
  for (const t of tasks) {
    const last = runs[runs.length - 1];
    const kind = `${taskObject(t).apiVersion}/${taskObject(t).kind}`;
    if (last && `${taskObject(last[0]!).apiVersion}/${taskObject(last[0]!).kind}` === kind) last.push(t);
    else runs.push([t]);
  }
  return runs;
}

export class SyncExecution {
  readonly #tasks: SyncTask[];
  readonly #o: SyncRunOptions;
  readonly #progress: SyncProgress;
  readonly #reader: KubeReader;
  readonly #runs = new Map<SyncTask, TaskRun>();
  readonly #newNamespaces: ReadonlySet<string>;
  readonly #served: (obj: KubeObject) => boolean;

  constructor(
    tasks: SyncTask[],
    prepared: { newNamespaces: ReadonlySet<string>; served: (obj: KubeObject) => boolean },
    o: SyncRunOptions,
    progress: SyncProgress,
  ) {
    this.#tasks = tasks;
    this.#o = o;
    this.#progress = progress;
    this.#reader = o.reader ?? o.client;
    this.#newNamespaces = prepared.newNamespaces;
    this.#served = prepared.served;
    for (const t of tasks) {
      this.#runs.set(t, {
        dry: undefined,
        phase: 'Running',
        message: '',
        skipped: false,
        minRv: undefined,
        pendingDeletion: false,
        ran: false,
      });
    }
  }

  #run(t: SyncTask): TaskRun {
    return this.#runs.get(t)!;
  }

  #applyOptions(
    t: SyncTask,
    dryRun: boolean,
  ): Partial<ApplyObjectOptions> & Pick<ApplyObjectOptions, 'signal' | 'client'> {
    const o = this.#o;
    return {
      signal: o.signal,
      client: o.client,
      fieldManager: o.fieldManager,
      method: t.options.serverSideApply === false ? 'client-side' : 'server-side',
      replace: t.options.replace === true,
      force: t.options.force === true,
      fieldValidation: t.options.validate === false ? 'Ignore' : 'Strict',
      dryRun,
      pollIntervalMs: Math.min(200, o.pollIntervalMs),
    };
  }

  #progressed(): void {
    this.#o.onProgress?.(this.#progress.state());
  }

  #change(t: SyncTask, r: ApplyResult): ChangeAction {
    return r.recreated ? 'configured' : r.action;
  }

  /** Dry run of every task that can be: false (and the operation Failed) when any is refused. */
  async dryRun(): Promise<boolean> {
    const o = this.#o;
    const candidates = this.#tasks.filter((t) => {
      if (!t.target || t.phase === 'SyncFail') return false;
      if (this.#newNamespaces.has(t.target.metadata.namespace ?? '')) return false;
      // Skipped dry runs (a CRD of this sync) are still tried when the kind is served already,
      // only to learn what is unchanged; their failures do not count.
      return !t.skipDryRun || this.#served(t.target);
    });
    let failed = 0;
    await mapLimit(candidates, o.concurrency, o.signal, async (t) => {
      // A hook replaced before creation is dry-run as the new object it will be.
      const replaced = isHookTask(t) && t.deletePolicies.includes('BeforeHookCreation');
      try {
        this.#run(t).dry = await applyObject(
          t.target!,
          replaced ? undefined : t.live,
          this.#applyOptions(t, true),
        );
      } catch (err) {
        if (o.signal.aborted) throw err;
        if (t.skipDryRun || (replaced && errorCodeOf(err) === 'AlreadyExists')) return;
        failed++;
        this.#progress.set(t, 'SyncFailed', reasonOf(err), { change: 'failed' });
      }
    });
    if (failed > 0) {
      this.#progress.finish('Failed', 'one or more objects failed to apply (dry run)');
      return false;
    }
    if (o.syncOptions.applyOutOfSyncOnly) {
      for (const t of this.#tasks) {
        const dry = this.#run(t).dry;
        if (t.target && t.live && !isHookTask(t) && dry?.action === 'unchanged' && !dry.recreated)
          this.#run(t).skipped = true;
      }
    }
    return true;
  }

  /** A whole-sync dry run ends here: what would happen, nothing written. */
  finishDryRun(): void {
    for (const t of this.#tasks) {
      if (t.phase === 'SyncFail' || this.#run(t).skipped) continue;
      if (isPrune(t)) {
        const d = pruneDecision(t, { prune: this.#o.prune, dryRun: true, confirmed: this.#o.pruneConfirmed });
        if (d.action === 'skip' || d.action === 'none')
          this.#progress.set(t, d.status, d.message, {
            change: d.status === 'Pruned' ? 'pruned' : 'skipped',
          });
        else
          this.#progress.set(
            t,
            'PruneSkipped',
            d.action === 'await-confirmation' ? d.message : 'pruned (dry run)',
          );
        continue;
      }
      const dry = this.#run(t).dry;
      const obj = dry?.object ?? t.target!;
      this.#progress.set(t, 'Synced', `${kubectlName(obj)} ${dry?.verb ?? 'created'} (dry run)`, {
        change: dry ? this.#change(t, dry) : 'created',
      });
    }
    this.#progress.finish('Succeeded', 'successfully synced (dry run)');
  }

  async run(): Promise<void> {
    const steps = syncSteps(this.#tasks.filter((t) => t.phase !== 'SyncFail' && !this.#run(t).skipped));
    const multiStep = steps.length > 1;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const last = i === steps.length - 1;
      const outcome = await this.#runStep(step, multiStep, last);
      this.#progressed();
      if (outcome === 'waiting') return;
      if (outcome !== 'ok') {
        await this.#runSyncFail();
        this.#progress.finish('Failed', outcome);
        return;
      }
      if (!last && multiStep && this.#o.waveDelayMs > 0) await sleep(this.#o.waveDelayMs, this.#o.signal);
    }
    this.#progress.finish('Succeeded', 'successfully synced (all tasks run)');
  }

  /** `ok`, `waiting` (for a prune confirmation), or the failure message. */
  async #runStep(step: SyncStep, multiStep: boolean, last: boolean): Promise<string> {
    const o = this.#o;
    const prunes = step.tasks.filter(isPrune);
    let awaiting = false;
    await mapLimit(prunes, o.concurrency, o.signal, async (t) => {
      const run = this.#run(t);
      const d = pruneDecision(t, { prune: o.prune, dryRun: false, confirmed: o.pruneConfirmed });
      run.ran = true;
      if (d.action === 'await-confirmation') {
        awaiting = true;
        this.#progress.set(t, 'PruneSkipped', d.message);
        return;
      }
      if (d.action !== 'delete') {
        run.phase = 'Succeeded';
        this.#progress.set(t, d.status, d.message, { change: d.status === 'Pruned' ? 'pruned' : 'skipped' });
        return;
      }
      try {
        await o.client.delete(keyOfObject(t.live!), {
          signal: o.signal,
          propagationPolicy: d.propagationPolicy,
        });
        run.pendingDeletion = true;
        run.phase = multiStep ? 'Running' : 'Succeeded';
        this.#progress.set(t, 'Pruned', 'pruned', { change: 'pruned' });
      } catch (err) {
        if (o.signal.aborted) throw err;
        run.phase = 'Failed';
        run.message = reasonOf(err);
        this.#progress.set(t, 'SyncFailed', run.message, { change: 'failed' });
      }
    });
    if (awaiting) {
      this.#progress.phase = 'Running';
      this.#progress.message = 'waiting for pruning confirmation';
      return 'waiting';
    }
    const prunesFailed = prunes.find((t) => this.#run(t).phase === 'Failed');
    if (prunesFailed)
      return `one or more objects failed to apply, reason: ${this.#run(prunesFailed).message}`;

    const applies = step.tasks.filter((t) => !isPrune(t));
    for (const run of kindRuns(applies)) {
      await mapLimit(run, o.concurrency, o.signal, (t) => this.#apply(t));
    }
    const failedApply = applies.find((t) => this.#run(t).phase === 'Failed');
    if (failedApply) return `one or more objects failed to apply, reason: ${this.#run(failedApply).message}`;

    const hasHooks = step.tasks.some(isHookTask);
    if (hasHooks || (multiStep && !last)) {
      const failure = await this.#wait(step, multiStep);
      await this.#endHooks(step);
      if (failure) return failure;
    }
    return 'ok';
  }

  async #apply(t: SyncTask): Promise<void> {
    const o = this.#o;
    const run = this.#run(t);
    const target = t.target!;
    run.ran = true;
    try {
      let live = t.live;
      if (isHookTask(t) && live && t.deletePolicies.includes('BeforeHookCreation')) {
        await this.#removeHookFinalizer(live);
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
      ) {
        live = await this.#migrateClientSideApply(live);
      }
      const dry = run.dry;
      let result: ApplyResult;
      if (!isHookTask(t) && live && dry && dry.action === 'unchanged' && !dry.recreated) {
        result = { ...dry, object: live };
      } else {
        result = await applyObject(target, live, this.#applyOptions(t, false));
      }
      run.minRv = result.object.metadata.resourceVersion;
      if (
        target.kind === 'CustomResourceDefinition' &&
        target.apiVersion.startsWith('apiextensions.k8s.io/')
      ) {
        await waitForEstablished(target, { signal: o.signal, client: o.client });
      }
      // Health decides from here on, if the step is waited for.
      run.phase = 'Running';
      run.message = `${kubectlName(result.object)} ${result.verb}`;
      this.#progress.set(t, 'Synced', run.message, {
        change: this.#change(t, result),
        ...(isHookTask(t) && { hookPhase: 'Running' as const }),
      });
    } catch (err) {
      if (o.signal.aborted) throw err;
      run.phase = 'Failed';
      run.message = reasonOf(err);
      this.#progress.set(t, 'SyncFailed', run.message, {
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
    const patch = takeoverPatch(live, this.#o.fieldManager, CSA_MIGRATION_MANAGERS, {
      annotations: [],
      labels: [],
    });
    if (patch.length === 0) return live;
    return this.#o.client.patch(keyOfObject(live), { type: 'json', body: patch }, { signal: this.#o.signal });
  }

  /** Reads an object we wrote, never older than our write. */
  async #read(obj: KubeObject, minRv: string | undefined): Promise<KubeObject | undefined> {
    const key = keyOfObject(obj);
    const cached = await this.#reader.get(key, { signal: this.#o.signal });
    if (cached && !olderThan(cached.metadata.resourceVersion, minRv)) return cached;
    // The reader lags behind (or has not seen it yet): ask the server.
    return this.#reader === this.#o.client ? cached : this.#o.client.get(key, { signal: this.#o.signal });
  }

  /** Waits until the step's hooks (and, in multi-step syncs, its resources) are done. */
  async #wait(step: SyncStep, multiStep: boolean): Promise<string | undefined> {
    const o = this.#o;
    const watched = step.tasks.filter((t) => isHookTask(t) || multiStep);
    const started = Date.now();
    for (;;) {
      const running: SyncTask[] = [];
      for (const t of watched) {
        const run = this.#run(t);
        if (run.phase !== 'Running') continue;
        const live = await this.#read(taskObject(t), run.minRv);
        if (isPrune(t)) {
          if (live) running.push(t);
          else run.phase = 'Succeeded';
          continue;
        }
        if (!live) {
          run.phase = 'Failed';
          run.message = `${formatRef(taskObject(t))} was deleted before it completed`;
        } else if (isHookTask(t)) {
          const p = hookPhaseFromHealth(kubectlName(live), getHealth(live, o.health));
          run.phase = p.phase;
          if (p.message) run.message = p.message;
        } else {
          const health = getHealth(live, o.health);
          run.phase = resourcePhaseFromHealth(health);
          if (health?.message) run.message = health.message;
        }
        if (run.phase === 'Running') running.push(t);
        else if (isHookTask(t)) {
          this.#progress.set(t, run.phase === 'Failed' ? 'SyncFailed' : 'Synced', run.message, {
            hookPhase: run.phase,
            change: run.phase === 'Failed' ? 'failed' : 'created',
          });
        } else if (run.phase === 'Failed') {
          this.#progress.set(t, 'SyncFailed', run.message, { change: 'failed' });
        }
      }
      if (watched.some((t) => this.#run(t).phase === 'Failed'))
        return 'one or more synchronization tasks completed unsuccessfully';
      if (running.length === 0) return undefined;
      this.#progress.message = waitingMessage(running, running.every(isPrune));
      this.#progressed();
      if (o.waveTimeoutMs > 0 && Date.now() - started > o.waveTimeoutMs)
        return `timed out ${this.#progress.message.replace(/^waiting/, 'waiting')}`;
      await sleep(o.pollIntervalMs, o.signal);
    }
  }

  async #removeHookFinalizer(live: KubeObject): Promise<void> {
    const finalizers = live.metadata.finalizers ?? [];
    if (!finalizers.includes(ARGO_HOOK_FINALIZER)) return;
    const current = await this.#o.client.get(keyOfObject(live), { signal: this.#o.signal });
    const now = current?.metadata.finalizers ?? [];
    if (!current || !now.includes(ARGO_HOOK_FINALIZER)) return;
    await this.#o.client.patch(
      keyOfObject(live),
      {
        type: 'merge',
        body: {
          metadata: {
            finalizers: now.filter((f) => f !== ARGO_HOOK_FINALIZER),
            resourceVersion: current.metadata.resourceVersion,
          },
        },
      },
      { signal: this.#o.signal },
    );
  }

  /** Hooks that finished: finalizer off, then deleted as their policies say. */
  async #endHooks(step: SyncStep): Promise<void> {
    const o = this.#o;
    const hooks = step.tasks.filter(
      (t) => isHookTask(t) && this.#run(t).ran && this.#run(t).phase !== 'Running',
    );
    await mapLimit(hooks, o.concurrency, o.signal, async (t) => {
      const run = this.#run(t);
      const obj = taskObject(t);
      try {
        await this.#removeHookFinalizer({
          ...obj,
          metadata: { ...obj.metadata, finalizers: [ARGO_HOOK_FINALIZER] },
        });
        const del =
          (run.phase === 'Succeeded' && t.deletePolicies.includes('HookSucceeded')) ||
          (run.phase === 'Failed' && t.deletePolicies.includes('HookFailed'));
        if (del)
          await o.client.delete(keyOfObject(obj), { signal: o.signal, propagationPolicy: 'Background' });
      } catch (err) {
        if (o.signal.aborted) throw err;
        o.logger.warn('hook cleanup failed', { hook: formatRef(obj), error: errorMessage(err) });
      }
    });
  }

  /** SyncFail hooks, after a failure: created, waited for and cleaned up like any hook. */
  async #runSyncFail(): Promise<void> {
    const tasks = this.#tasks.filter((t) => t.phase === 'SyncFail');
    for (const step of syncSteps(tasks)) {
      for (const t of step.tasks) await this.#apply(t);
      await this.#wait(step, false);
      await this.#endHooks(step);
    }
  }
}

function errorCodeOf(err: unknown): string | undefined {
  return (err as { code?: string }).code;
}
