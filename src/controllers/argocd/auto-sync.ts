/**
 * Argo CD's `autoSync` and `alreadyAttemptedSync` (controller/appcontroller.go) as a pure decision:
 * given the application and its comparison, either an operation to start, a condition to show,
 * a time to look again (self-heal backoff), or nothing.
 */
import { deepEqual, selfHealDelay } from '../../engine/index.ts';
import type { Application } from './api/application.ts';
import type { ApplicationCondition, ResourceStatus, SyncStatusCode } from './api/application-status.ts';
import type { ApplicationSource } from './api/source.ts';
import type { Operation } from './api/operation.ts';
import { hasMultipleSources, isAutomatedSyncEnabled } from './api/application-defaults.ts';

/** `controller.self.heal.backoff.cooldown.seconds` (330 s). */
export const SELF_HEAL_COOLDOWN_MS = 330_000;

export interface AutoSyncInput {
  app: Application;
  syncStatus: SyncStatusCode;
  resources: readonly ResourceStatus[];
  /** Revisions compared, one per source. */
  revisions: readonly string[];
  sources: readonly ApplicationSource[];
  now: Date;
}

export type AutoSyncDecision =
  | { kind: 'sync'; operation: Operation }
  | { kind: 'skip'; reason: string; condition?: ApplicationCondition; retryAfterMs?: number };

const skip = (
  reason: string,
  extra: Partial<Extract<AutoSyncDecision, { kind: 'skip' }>> = {},
): AutoSyncDecision => ({
  kind: 'skip',
  reason,
  ...extra,
});

/** Whether the last operation already went to these revisions from these sources. */
export function alreadyAttempted(
  app: Application,
  revisions: readonly string[],
  sources: readonly ApplicationSource[],
): boolean {
  const result = app.status?.operationState?.syncResult;
  if (!result) return false;
  if (hasMultipleSources(app.spec)) {
    return deepEqual(result.revisions ?? [], [...revisions]) && deepEqual(result.sources ?? [], [...sources]);
  }
  return result.revision === revisions[0] && deepEqual(result.source ?? {}, sources[0] ?? {});
}

export function decideAutoSync(input: AutoSyncInput): AutoSyncDecision {
  const { app } = input;
  const policy = app.spec.syncPolicy;
  const automated = policy?.automated;
  if (!isAutomatedSyncEnabled(policy) || !automated) return skip('automated sync is off');
  if (app.operation) return skip('an operation is in progress');
  if (app.metadata.deletionTimestamp) return skip('the application is being deleted');
  if (input.syncStatus !== 'OutOfSync') return skip(`sync status is ${input.syncStatus}`);

  const outOfSync = input.resources.filter((r) => r.status !== 'Synced');
  if (!automated.prune && outOfSync.length > 0 && outOfSync.every((r) => r.requiresPruning)) {
    return skip('need to prune extra resources only but automated prune is disabled');
  }
  const multi = hasMultipleSources(app.spec);
  const revisionText = multi ? input.revisions.join(', ') : (input.revisions[0] ?? '');
  let healAttempts = 0;
  let selective: ResourceStatus[] | undefined;
  if (alreadyAttempted(app, input.revisions, input.sources)) {
    const state = app.status?.operationState;
    const succeeded = state?.phase === 'Succeeded';
    if (!succeeded) {
      return skip(`failed last sync attempt to ${revisionText}`, {
        condition: {
          type: 'SyncError',
          message: `Failed last sync attempt to ${revisionText}: ${state?.message ?? ''}`,
        },
      });
    }
    if (!automated.selfHeal) return skip(`most recent sync already to ${revisionText}`);
    const finished = state?.finishedAt ? Date.parse(state.finishedAt) : 0;
    // Argo CD ≥ 3.1 forgets the attempts once the app stayed synced for the cool-down.
    const cooled = input.now.getTime() - finished > SELF_HEAL_COOLDOWN_MS;
    const attempts = cooled ? 0 : (state?.operation.sync?.autoHealAttemptsCount ?? 0);
    const wait = selfHealDelay(attempts) - (input.now.getTime() - finished);
    if (wait > 0) return skip(`self-heal backoff: ${Math.ceil(wait / 1000)}s left`, { retryAfterMs: wait });
    healAttempts = attempts + 1;
    // Self-heal resyncs only what drifted (Argo CD sets `resources` on the operation).
    selective = outOfSync.filter((r) => !r.requiresPruning || automated.prune);
  }
  const desiredCount = input.resources.filter((r) => !r.requiresPruning).length;
  if (automated.prune && !automated.allowEmpty && desiredCount === 0 && input.resources.length > 0) {
    return skip('auto-sync will wipe out all resources', {
      condition: {
        type: 'SyncError',
        message: 'Skipping sync attempt to ' + revisionText + ': auto-sync will wipe out all resources',
      },
    });
  }
  const operation: Operation = {
    sync: {
      ...(multi ? { revisions: [...input.revisions] } : { revision: input.revisions[0] ?? '' }),
      ...(automated.prune && { prune: true }),
      ...(policy?.syncOptions?.length && { syncOptions: [...policy.syncOptions] }),
      ...(healAttempts > 0 && { autoHealAttemptsCount: healAttempts }),
      ...(selective &&
        selective.length > 0 && {
          resources: selective.map((r) => ({
            ...(r.group && { group: r.group }),
            kind: r.kind ?? '',
            name: r.name ?? '',
            ...(r.namespace && { namespace: r.namespace }),
          })),
        }),
    },
    initiatedBy: { automated: true },
    ...(policy?.retry && { retry: policy.retry }),
  };
  return { kind: 'sync', operation };
}
