/**
 * The hooks of a terminated sync (gitops-engine's `Terminate`): a hook still running is deleted
 * (foreground, so its Pods go with it) and reported Failed "Terminated"; every hook loses the hook
 * finalizer, which otherwise keeps anyone from deleting it once no sync is left to remove it.
 */
import { errorMessage, type KubeObject } from '../../core/index.ts';
import type { KubeClient, ObjectKey } from '../../kube/index.ts';
import { ARGO_HOOK_FINALIZER } from '../object/annotations.ts';
import type { OperationPhase } from './operation.ts';

/** The fields of a hook's resource result this reads and updates. */
export interface HookResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  message?: string;
  hookType?: string;
  hookPhase?: OperationPhase;
}

export interface TerminateHooksOptions {
  client: KubeClient;
  signal: AbortSignal;
}

function keyOf(r: HookResult): ObjectKey {
  return {
    apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
    kind: r.kind,
    namespace: r.namespace || undefined,
    name: r.name,
  };
}

async function dropFinalizer(o: TerminateHooksOptions, key: ObjectKey, live: KubeObject): Promise<void> {
  const finalizers = live.metadata.finalizers ?? [];
  if (!finalizers.includes(ARGO_HOOK_FINALIZER)) return;
  await o.client.patch(
    key,
    {
      type: 'merge',
      body: {
        metadata: {
          finalizers: finalizers.filter((f) => f !== ARGO_HOOK_FINALIZER),
          resourceVersion: live.metadata.resourceVersion,
        },
      },
    },
    { signal: o.signal },
  );
}

/**
 * Stops the hooks among `results` (updated in place). Resolves false when a running hook could
 * not be deleted: the operation then ends `Error` "Operation termination had errors", as Argo CD's.
 */
export async function terminateHooks(results: HookResult[], o: TerminateHooksOptions): Promise<boolean> {
  let ok = true;
  for (const r of results) {
    if (!r.hookType || !r.name) continue;
    const key = keyOf(r);
    try {
      const live = await o.client.get(key, { signal: o.signal });
      if (!live) {
        if (r.hookPhase === 'Running') Object.assign(r, { hookPhase: 'Failed', message: 'Terminated' });
        continue;
      }
      // The finalizer first: its patch carries the resourceVersion just read.
      await dropFinalizer(o, key, live);
      if (r.hookPhase === 'Running') {
        await o.client.delete(key, {
          signal: o.signal,
          propagationPolicy: 'Foreground',
          ...(live.metadata.uid && { preconditions: { uid: live.metadata.uid } }),
        });
        Object.assign(r, { hookPhase: 'Failed', message: 'Terminated' });
      }
    } catch (err) {
      if (o.signal.aborted) throw err;
      ok = false;
      Object.assign(r, { hookPhase: 'Failed', message: `Failed to delete: ${errorMessage(err)}` });
    }
  }
  return ok;
}
