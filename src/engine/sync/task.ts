/**
 * One step of a sync: apply a target (and maybe replace a live object), run a hook, or prune a live
 * object that is no longer in Git. At least one of `target` and `live` is set; no `target` means
 * prune. Pure data: the plan is computed without a cluster and executed by the live half.
 */
import { formatRef, parseApiVersion, type KubeObject } from '../../core/index.ts';
import { hookDeletePolicies, type HookDeletePolicy, type HookType } from './hooks.ts';
import { effectiveSyncOptions, resourceSyncOptions, type SyncOptionSet } from './options.ts';
import { syncWave } from './waves.ts';
import type { SyncPhase } from './phases.ts';

export interface SyncTask {
  phase: SyncPhase;
  wave: number;
  target: KubeObject | undefined;
  live: KubeObject | undefined;
  /** Set for hooks: the hook type, equal to the phase. */
  hookType: HookType | undefined;
  /** Hooks only; `BeforeHookCreation` when the object names none. */
  deletePolicies: HookDeletePolicy[];
  /** Application options overridden by the resource's annotation. */
  options: SyncOptionSet;
  /** Apply without a dry-run first: the kind may not be served until a CRD of this sync exists. */
  skipDryRun: boolean;
}

export function taskObject(t: SyncTask): KubeObject {
  return (t.target ?? t.live)!;
}

export function isPrune(t: SyncTask): boolean {
  return t.target === undefined;
}

export function isHookTask(t: SyncTask): boolean {
  return t.hookType !== undefined;
}

/** `PreSync/-1 hook Job/shop/migrate`, for logs and test failures. */
export function describeTask(t: SyncTask): string {
  const what = isHookTask(t) ? 'hook' : isPrune(t) ? 'prune' : 'apply';
  return `${t.phase}/${t.wave} ${what} ${formatRef(taskObject(t))}`;
}

export function groupOfTask(t: SyncTask): string {
  return parseApiVersion(taskObject(t).apiVersion).group;
}

/** A task for `target` and/or `live` in `phase`, with the object's wave, hook policies and options. */
export function newTask(
  phase: SyncPhase,
  target: KubeObject | undefined,
  live: KubeObject | undefined,
  app: SyncOptionSet,
  hook: boolean,
): SyncTask {
  const obj = (target ?? live)!;
  return {
    phase,
    wave: syncWave(obj),
    target,
    live,
    hookType: hook ? phase : undefined,
    deletePolicies: hook ? hookDeletePolicies(obj) : [],
    options: effectiveSyncOptions(app, resourceSyncOptions(obj)),
    skipDryRun: false,
  };
}
