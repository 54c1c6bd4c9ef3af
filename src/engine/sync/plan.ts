/**
 * `planSync`: every task of a sync operation, in the order they run (gitops-engine `getSyncTasks`):
 * one task per resource and phase, hooks named and finalized, the auto-created namespace as a PreSync
 * task, prune waves reversed (the last created is pruned first), `PruneLast` prunes in an extra wave
 * after the last Sync wave, then `sortTasks`. `steps` groups the tasks into the (phase, wave) steps
 * the executor runs one at a time, waiting for health in between.
 */
import type { KubeObject } from '../../core/index.ts';
import { ARGO_HOOK_FINALIZER } from '../object/annotations.ts';
import { getPath } from '../object/path.ts';
import { hookName } from './hook-name.ts';
import type { SyncOptionSet } from './options.ts';
import { namespaceTask } from './create-namespace.ts';
import { sortTasks } from './order.ts';
import { adjustPruneWaves } from './prune-waves.ts';
import { syncPhases, type SyncPhase } from './phases.ts';
import type { ResourcePair } from './reconcile.ts';
import { groupOfTask, newTask, taskObject, type SyncTask } from './task.ts';

export interface ManagedNamespaceMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface PlanInput {
  /** Reconciled pairs (`reconcile().resources`). */
  resources: readonly ResourcePair[];
  /** Hooks from Git (`reconcile().hooks`). */
  hooks: readonly KubeObject[];
  /** Live copies of hooks from an earlier attempt, by name, so BeforeHookCreation can find them. */
  liveHooks?: readonly KubeObject[];
  /** The application's destination namespace. */
  namespace: string;
  revision: string;
  /** Operation start: part of generated hook names. */
  startedAt: Date;
}

export interface PlanOptions {
  /** Application-level sync options (`spec.syncPolicy.syncOptions` plus the operation's). */
  syncOptions: SyncOptionSet;
  /** Selective syncs and `--skip-hooks` run no hooks. */
  skipHooks: boolean;
  /** For `CreateNamespace=true`: the live destination namespace, if it exists. */
  liveNamespace: KubeObject | undefined;
  managedNamespaceMetadata: ManagedNamespaceMetadata | undefined;
}

export const defaultPlanOptions: PlanOptions = {
  syncOptions: {},
  skipHooks: false,
  liveNamespace: undefined,
  managedNamespaceMetadata: undefined,
};

function crdKeys(objs: readonly (KubeObject | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const o of objs) {
    if (o?.kind !== 'CustomResourceDefinition') continue;
    const group = getPath(o, ['spec', 'group']);
    const kind = getPath(o, ['spec', 'names', 'kind']);
    if (typeof group === 'string' && typeof kind === 'string') out.add(`${group}/${kind}`);
  }
  return out;
}

function hookTarget(hook: KubeObject, phase: SyncPhase, input: PlanInput): KubeObject {
  const finalizers = hook.metadata.finalizers ?? [];
  return {
    ...hook,
    metadata: {
      ...hook.metadata,
      name: hookName(hook, phase, input.revision, input.startedAt),
      namespace: hook.metadata.namespace || input.namespace,
      finalizers: finalizers.includes(ARGO_HOOK_FINALIZER)
        ? finalizers
        : [...finalizers, ARGO_HOOK_FINALIZER],
    },
  };
}

export function planSync(input: PlanInput, options: Partial<PlanOptions> = {}): SyncTask[] {
  const o = { ...defaultPlanOptions, ...options };
  const tasks: SyncTask[] = [];
  for (const r of input.resources) {
    const obj = r.target ?? r.live;
    if (!obj) continue;
    for (const phase of syncPhases(obj)) tasks.push(newTask(phase, r.target, r.live, o.syncOptions, false));
  }
  if (!o.skipHooks) {
    const liveHooks = new Map(
      (input.liveHooks ?? []).map((h) => [
        `${h.kind}/${h.metadata.namespace ?? ''}/${h.metadata.name ?? ''}`,
        h,
      ]),
    );
    for (const h of input.hooks) {
      for (const phase of syncPhases(h)) {
        const target = hookTarget(h, phase, input);
        const live = liveHooks.get(
          `${target.kind}/${target.metadata.namespace ?? ''}/${target.metadata.name ?? ''}`,
        );
        tasks.push(newTask(phase, target, live, o.syncOptions, true));
      }
    }
  }
  const ns = namespaceTask(
    input.namespace,
    o,
    input.resources.map((r) => r.target),
  );
  if (ns) tasks.push(ns);
  const crds = crdKeys(tasks.map((t) => t.target));
  for (const t of tasks) {
    t.skipDryRun =
      t.options.skipDryRunOnMissingResource === true || crds.has(`${groupOfTask(t)}/${taskObject(t).kind}`);
  }
  adjustPruneWaves(tasks);
  return sortTasks(tasks);
}

export interface SyncStep {
  phase: SyncPhase;
  wave: number;
  tasks: SyncTask[];
}

/** Consecutive tasks of the same phase and wave; SyncFail tasks form their own steps at the end. */
export function syncSteps(tasks: readonly SyncTask[]): SyncStep[] {
  const steps: SyncStep[] = [];
  for (const t of tasks) {
    const last = steps[steps.length - 1];
    if (last && last.phase === t.phase && last.wave === t.wave) last.tasks.push(t);
    else steps.push({ phase: t.phase, wave: t.wave, tasks: [t] });
  }
  return steps;
}
