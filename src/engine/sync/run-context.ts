/**
 * What the steps of one sync attempt share: the options, the progress record, the reader, and per
 * task its run state (dry-run outcome, phase, our write's resourceVersion).
 */
import type { KubeObject } from '../../core/index.ts';
import type { KubeReader } from '../../kube/index.ts';
import type { ApplyObjectOptions, ApplyResult } from './apply.ts';
import type { ChangeAction } from './changeset.ts';
import { keyOfObject } from './delete.ts';
import type { OperationPhase } from './operation.ts';
import type { SyncProgress } from './progress.ts';
import type { SyncRunOptions } from './sync-options.ts';
import type { SyncTask } from './task.ts';

export interface TaskRun {
  dry: ApplyResult | undefined;
  phase: OperationPhase;
  message: string;
  /** ApplyOutOfSyncOnly: in sync already, left out. */
  skipped: boolean;
  /** Our write's resourceVersion: older reads (a lagging cache) do not count. */
  minRv: string | undefined;
  ran: boolean;
}

export interface RunContext {
  tasks: readonly SyncTask[];
  o: SyncRunOptions;
  progress: SyncProgress;
  reader: KubeReader;
  /** Namespaces this sync creates that do not exist yet. */
  newNamespaces: ReadonlySet<string>;
  /** Whether the server serves an object's kind already. */
  served: (obj: KubeObject) => boolean;
  run(t: SyncTask): TaskRun;
}

export function createRunContext(
  tasks: readonly SyncTask[],
  prepared: { newNamespaces: ReadonlySet<string>; served: (obj: KubeObject) => boolean },
  o: SyncRunOptions,
  progress: SyncProgress,
): RunContext {
  const runs = new Map<SyncTask, TaskRun>(
    tasks.map((t) => [
      t,
      { dry: undefined, phase: 'Running', message: '', skipped: false, minRv: undefined, ran: false },
    ]),
  );
  return {
    tasks,
    o,
    progress,
    reader: o.reader ?? o.client,
    newNamespaces: prepared.newNamespaces,
    served: prepared.served,
    run: (t) => runs.get(t)!,
  };
}

export function applyOptionsFor(
  ctx: RunContext,
  t: SyncTask,
  dryRun: boolean,
): Partial<ApplyObjectOptions> & Pick<ApplyObjectOptions, 'signal' | 'client'> {
  const o = ctx.o;
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

export function changeOf(r: ApplyResult): ChangeAction {
  return r.recreated ? 'configured' : r.action;
}

export function progressed(ctx: RunContext): void {
  ctx.o.onProgress?.(ctx.progress.state());
}

/** Numeric resourceVersions compare as numbers; anything else counts as new enough. */
function olderThan(rv: string | undefined, min: string | undefined): boolean {
  if (!rv || !min || !/^\d+$/.test(rv) || !/^\d+$/.test(min)) return false;
  return BigInt(rv) < BigInt(min);
}

/** Reads an object we wrote, never older than our write (a cache may lag: then the server). */
export async function readFresh(
  ctx: RunContext,
  obj: KubeObject,
  minRv: string | undefined,
): Promise<KubeObject | undefined> {
  const key = keyOfObject(obj);
  const cached = await ctx.reader.get(key, { signal: ctx.o.signal });
  if (cached && !olderThan(cached.metadata.resourceVersion, minRv)) return cached;
  return ctx.reader === ctx.o.client ? cached : ctx.o.client.get(key, { signal: ctx.o.signal });
}
