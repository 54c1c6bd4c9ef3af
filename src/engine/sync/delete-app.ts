/**
 * Deleting an application with its resources (Argo CD's resources finalizer, with the PreDelete
 * and PostDelete hooks of v2.10+): PreDelete hooks run and must succeed; then every live object the
 * application tracks is deleted — except those marked `Delete=false` (or Helm's
 * `resource-policy: keep`) and, until confirmed, `Delete=confirm` — and waited for until gone;
 * then PostDelete hooks run. Hooks are deleted afterwards per their delete policies. A failed
 * PreDelete hook stops the deletion (Argo CD's `DeletionError`: the controller retries later).
 */
import { errorMessage, formatRef, sleep, type KubeObject } from '../../core/index.ts';
import { getHealth } from '../health/registry.ts';
import { mapLimit } from '../object/parallel.ts';
import { applyObject, reasonOf } from './apply.ts';
import { ChangeSet } from './changeset.ts';
import { deleteAll, keyOfObject, waitForTermination } from './delete.ts';
import { hookDeletePolicies, isHook } from './hooks.ts';
import { hookName } from './hook-name.ts';
import { hookPhaseFromHealth, type OperationPhase } from './operation.ts';
import { resourceSyncOptions } from './options.ts';
import { deletionPhases, type DeletionPhase } from './phases.ts';
import type { SyncRunOptions } from './sync-options.ts';
import type { PropagationPolicy } from '../../kube/index.ts';

export interface AppDeletionRequest {
  app: string;
  namespace: string;
  revision: string;
  /** Rendered objects: only their PreDelete/PostDelete hooks are used. */
  desired: readonly KubeObject[];
  /** The live objects the application tracks. */
  live: readonly KubeObject[];
  startedAt?: Date;
}

export interface AppDeletionOptions extends Pick<
  SyncRunOptions,
  | 'signal'
  | 'client'
  | 'reader'
  | 'tracker'
  | 'fieldManager'
  | 'pollIntervalMs'
  | 'waveTimeoutMs'
  | 'health'
  | 'concurrency'
> {
  /** `resources-finalizer.argocd.argoproj.io` is foreground; `/background` is background. */
  propagationPolicy: PropagationPolicy;
  /** The application carries a deletion approval (for `Delete=confirm` objects). */
  deleteConfirmed: boolean;
  timeoutMs: number;
}

export interface AppDeletionOutcome {
  phase: OperationPhase | 'Waiting';
  message: string;
  changeSet: ChangeSet;
}

async function runHooks(
  phase: DeletionPhase,
  request: AppDeletionRequest,
  startedAt: Date,
  o: AppDeletionOptions,
  cs: ChangeSet,
): Promise<string | undefined> {
  const hooks = request.desired
    .filter((d) => isHook(d) && deletionPhases(d).includes(phase))
    .map((h) => {
      const named: KubeObject = {
        ...h,
        metadata: {
          ...h.metadata,
          name: hookName(h, phase, request.revision, startedAt),
          namespace: h.metadata.namespace || request.namespace,
        },
      };
      return o.tracker.stamp(named, request.app);
    });
  const reader = o.reader ?? o.client;
  const outcome = new Map<KubeObject, OperationPhase>();
  await mapLimit(hooks, o.concurrency, o.signal, async (h) => {
    try {
      const live = await o.client.get(keyOfObject(h), { signal: o.signal });
      await applyObject(h, live, { signal: o.signal, client: o.client, fieldManager: o.fieldManager });
      cs.add(h, live ? 'configured' : 'created');
      outcome.set(h, 'Running');
    } catch (err) {
      if (o.signal.aborted) throw err;
      cs.add(h, 'failed', `apply failed: ${reasonOf(err)}`);
      outcome.set(h, 'Failed');
    }
  });
  const started = Date.now();
  while ([...outcome.values()].includes('Running')) {
    if (o.waveTimeoutMs > 0 && Date.now() - started > o.waveTimeoutMs)
      return `${phase} hooks did not complete`;
    await sleep(o.pollIntervalMs, o.signal);
    for (const [h, p] of outcome) {
      if (p !== 'Running') continue;
      const live =
        (await reader.get(keyOfObject(h), { signal: o.signal })) ??
        (await o.client.get(keyOfObject(h), { signal: o.signal }));
      outcome.set(h, live ? hookPhaseFromHealth(formatRef(h), getHealth(live, o.health)).phase : 'Failed');
    }
  }
  for (const [h, p] of outcome) {
    const policies = hookDeletePolicies(h);
    const del =
      (p === 'Succeeded' && policies.includes('HookSucceeded')) ||
      (p === 'Failed' && policies.includes('HookFailed'));
    if (del) await o.client.delete(keyOfObject(h), { signal: o.signal, propagationPolicy: 'Background' });
  }
  const failed = [...outcome].filter(([, p]) => p === 'Failed');
  return failed.length > 0 ? `${formatRef(failed[0]![0])}: ${phase} hook failed` : undefined;
}

export async function runAppDeletion(
  request: AppDeletionRequest,
  options: Partial<AppDeletionOptions> & Pick<AppDeletionOptions, 'signal' | 'client' | 'tracker'>,
): Promise<AppDeletionOutcome> {
  const o: AppDeletionOptions = {
    reader: undefined,
    fieldManager: 'argocd-controller',
    pollIntervalMs: 1000,
    waveTimeoutMs: 0,
    health: {},
    concurrency: 8,
    propagationPolicy: 'Foreground',
    deleteConfirmed: false,
    timeoutMs: 5 * 60_000,
    ...options,
  };
  const startedAt = request.startedAt ?? new Date();
  const cs = new ChangeSet();
  try {
    const pre = await runHooks('PreDelete', request, startedAt, o, cs);
    if (pre) return { phase: 'Failed', message: pre, changeSet: cs };
    const live = request.live.filter((l) => !isHook(l));
    const keep = live.filter((l) => resourceSyncOptions(l).delete === false);
    const confirm = live.filter((l) => resourceSyncOptions(l).delete === 'confirm');
    if (confirm.length > 0 && !o.deleteConfirmed) {
      return {
        phase: 'Waiting',
        message: `waiting for deletion confirmation of ${formatRef(confirm[0]!)}`,
        changeSet: cs,
      };
    }
    for (const k of keep) cs.add(k, 'skipped');
    const doomed = live.filter((l) => resourceSyncOptions(l).delete !== false);
    const deleted = await deleteAll(doomed, {
      signal: o.signal,
      client: o.client,
      propagationPolicy: o.propagationPolicy,
    });
    cs.append(deleted);
    if (deleted.failed().length > 0)
      return { phase: 'Failed', message: deleted.failed()[0]!.message, changeSet: cs };
    await waitForTermination(doomed, {
      signal: o.signal,
      client: o.client,
      timeoutMs: o.timeoutMs,
      pollIntervalMs: o.pollIntervalMs,
    });
    const post = await runHooks('PostDelete', request, startedAt, o, cs);
    if (post) return { phase: 'Failed', message: post, changeSet: cs };
    return { phase: 'Succeeded', message: 'application resources deleted', changeSet: cs };
  } catch (err) {
    if (o.signal.aborted) throw err;
    return { phase: 'Error', message: errorMessage(err), changeSet: cs };
  }
}
