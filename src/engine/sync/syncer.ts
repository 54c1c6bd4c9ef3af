/**
 * `runSync`: one Argo CD sync operation, retried as its policy says. Each attempt reads the
 * cluster afresh, plans (`planSync`), dry-runs everything, and only then writes; a failed attempt
 * waits `retryDelay` and starts again with the same operation start (so generated hook names stay).
 * The result is Argo CD's operation state (for `status.operationState`) and the Flux-style
 * `ChangeSet` of what happened to each object.
 *
 *   const { state, changeSet } = await runSync(
 *     { app: 'guestbook', namespace: 'shop', revision, desired, live: cache.owned(app) },
 *     { signal, client, reader: cache.reader(), tracker: argoTracker(), prune: true },
 *   );
 */
import { errorMessage, sleep } from '../../core/index.ts';
import { retryDelay, shouldRetry } from './backoff.ts';
import type { ChangeSet } from './changeset.ts';
import { SyncExecution } from './execute.ts';
import type { OperationState } from './operation.ts';
import { prepare } from './prepare.ts';
import { SyncProgress } from './progress.ts';
import { UnsafeSyncError } from './safety.ts';
import { defaultSyncRunOptions, type SyncRequest, type SyncRunOptions } from './sync-options.ts';
import type { SyncTask } from './task.ts';

export interface SyncOutcome {
  state: OperationState;
  changeSet: ChangeSet;
  /** Every task of the last attempt, in execution order. */
  tasks: SyncTask[];
}

function operationOf(request: SyncRequest, o: SyncRunOptions): Record<string, unknown> {
  const syncOptions = Object.entries(o.syncOptions)
    .filter(([k, v]) => k !== 'unknown' && v !== undefined)
    .map(([k, v]) => `${k.charAt(0).toUpperCase()}${k.slice(1)}=${String(v)}`);
  return {
    sync: {
      revision: request.revision,
      ...(o.prune && { prune: true }),
      ...(o.dryRun && { dryRun: true }),
      ...(syncOptions.length > 0 && { syncOptions }),
    },
    ...(o.retry && { retry: o.retry }),
  };
}

export async function runSync(
  request: SyncRequest,
  options: Partial<SyncRunOptions> & Pick<SyncRunOptions, 'signal' | 'client' | 'tracker'>,
): Promise<SyncOutcome> {
  const o: SyncRunOptions = { ...defaultSyncRunOptions, ...options };
  const startedAt = request.startedAt ?? new Date();
  const progress = new SyncProgress(operationOf(request, o), startedAt, request.revision);
  let tasks: SyncTask[] = [];
  for (let attempt = 0; ; attempt++) {
    progress.reset();
    progress.retryCount = attempt;
    let retryable = true;
    try {
      const prepared = await prepare(request, startedAt, o);
      tasks = prepared.tasks;
      const execution = new SyncExecution(tasks, prepared, o, progress);
      o.onProgress?.(progress.state());
      if (await execution.dryRun()) {
        if (o.dryRun) execution.finishDryRun();
        else await execution.run();
      }
    } catch (err) {
      if (o.signal.aborted) throw err;
      // Safety refusals do not get better by retrying.
      retryable = !(err instanceof UnsafeSyncError);
      progress.finish(retryable ? 'Error' : 'Failed', errorMessage(err));
    }
    const failed = progress.phase === 'Failed' || progress.phase === 'Error';
    if (!failed || !retryable || o.dryRun || !shouldRetry(o.retry, attempt)) break;
    o.onProgress?.(progress.state());
    await sleep(retryDelay(o.retry, attempt), o.signal);
  }
  if (progress.retryCount > 0 && progress.phase !== 'Running')
    progress.message += ` (retried ${progress.retryCount} times).`;
  const state = progress.state();
  o.onProgress?.(state);
  const failures = new Map(
    state.syncResult?.resources.map((r) => [`${r.kind}/${r.namespace}/${r.name}`, r.message]),
  );
  const changeSet = progress.buildChangeSet(tasks, (t) => {
    const obj = t.target ?? t.live!;
    return failures.get(`${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`);
  });
  return { state, changeSet, tasks };
}
