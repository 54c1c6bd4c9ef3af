/**
 * The end of hooks: their finalizer (which kept anyone else from deleting them before their phase
 * ended) comes off, then they are deleted as their policies say — HookSucceeded after success,
 * HookFailed after failure; BeforeHookCreation ones stay until the next sync replaces them.
 */
import { errorMessage, formatRef, type KubeObject } from '../../core/index.ts';
import { ARGO_HOOK_FINALIZER } from '../object/annotations.ts';
import { mapLimit } from '../object/parallel.ts';
import { keyOfObject } from './delete.ts';
import type { SyncStep } from './plan.ts';
import type { RunContext } from './run-context.ts';
import { isHookTask, taskObject } from './task.ts';

/** Removes the hook finalizer from the live object, if it still has it. */
export async function removeHookFinalizer(ctx: RunContext, obj: KubeObject): Promise<void> {
  const { o } = ctx;
  const current = await o.client.get(keyOfObject(obj), { signal: o.signal });
  const finalizers = current?.metadata.finalizers ?? [];
  if (!current || !finalizers.includes(ARGO_HOOK_FINALIZER)) return;
  await o.client.patch(
    keyOfObject(obj),
    {
      type: 'merge',
      body: {
        metadata: {
          finalizers: finalizers.filter((f) => f !== ARGO_HOOK_FINALIZER),
          resourceVersion: current.metadata.resourceVersion,
        },
      },
    },
    { signal: o.signal },
  );
}

/** Hooks of the step that ran to an end: finalizer off, then their delete policies. */
export async function endHooks(ctx: RunContext, step: SyncStep): Promise<void> {
  const { o } = ctx;
  const hooks = step.tasks.filter((t) => isHookTask(t) && ctx.run(t).ran && ctx.run(t).phase !== 'Running');
  await mapLimit(hooks, o.concurrency, o.signal, async (t) => {
    const run = ctx.run(t);
    const obj = taskObject(t);
    try {
      await removeHookFinalizer(ctx, obj);
      const del =
        (run.phase === 'Succeeded' && t.deletePolicies.includes('HookSucceeded')) ||
        (run.phase === 'Failed' && t.deletePolicies.includes('HookFailed'));
      if (del) await o.client.delete(keyOfObject(obj), { signal: o.signal, propagationPolicy: 'Background' });
    } catch (err) {
      if (o.signal.aborted) throw err;
      o.logger.warn('hook cleanup failed', { hook: formatRef(obj), error: errorMessage(err) });
    }
  });
}
