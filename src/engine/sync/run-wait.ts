/**
 * Waiting for a step (gitops-engine: "waiting for healthy state of … / completion of hook …"):
 * hooks always, and in syncs of several steps every resource too, judged by health — hooks
 * Healthy → Succeeded, Progressing/Suspended → Running, Degraded/Unknown → Failed; resources
 * Degraded → Failed — and pruned objects until they are gone.
 */
import { formatRef, sleep } from '../../core/index.ts';
import { getHealth } from '../health/registry.ts';
import { hookPhaseFromHealth, resourcePhaseFromHealth, waitingMessage } from './operation.ts';
import type { SyncStep } from './plan.ts';
import { kubectlName } from './progress.ts';
import { progressed, readFresh, type RunContext } from './run-context.ts';
import { isHookTask, isPrune, taskObject, type SyncTask } from './task.ts';

/** Resolves with a failure message, or undefined once every watched task is done. */
export async function waitStep(
  ctx: RunContext,
  step: SyncStep,
  multiStep: boolean,
): Promise<string | undefined> {
  const { o, progress } = ctx;
  const watched = step.tasks.filter((t) => isHookTask(t) || multiStep);
  const started = Date.now();
  for (;;) {
    const running: SyncTask[] = [];
    for (const t of watched) {
      const run = ctx.run(t);
      if (run.phase !== 'Running') continue;
      const live = await readFresh(ctx, taskObject(t), run.minRv);
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
        progress.set(t, run.phase === 'Failed' ? 'SyncFailed' : 'Synced', run.message, {
          hookPhase: run.phase,
          change: run.phase === 'Failed' ? 'failed' : 'created',
        });
      } else if (run.phase === 'Failed') {
        progress.set(t, 'SyncFailed', run.message, { change: 'failed' });
      }
    }
    if (watched.some((t) => ctx.run(t).phase === 'Failed'))
      return 'one or more synchronization tasks completed unsuccessfully';
    if (running.length === 0) return undefined;
    progress.message = waitingMessage(running, running.every(isPrune));
    progressed(ctx);
    if (o.waveTimeoutMs > 0 && Date.now() - started > o.waveTimeoutMs) return `timed out ${progress.message}`;
    await sleep(o.pollIntervalMs, o.signal);
  }
}
