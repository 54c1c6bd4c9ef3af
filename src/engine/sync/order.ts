/**
 * Task order (gitops-engine `syncTasks.Less` and `Sort`): phase, then wave, then kind (Helm's order),
 * then name. After sorting, dependencies bubble up: a Namespace moves before the first task in it and
 * a CustomResourceDefinition before the first resource of its group/kind, taking that task's phase
 * and wave, so they are created first even if annotated later.
 */
import type { KubeObject } from '../../core/index.ts';
import { getPath } from '../object/path.ts';
import { kindRank } from './kind-order.ts';
import { syncPhaseOrder } from './phases.ts';
import { groupOfTask, taskObject, type SyncTask } from './task.ts';

export function compareTasks(a: SyncTask, b: SyncTask): number {
  const phase = syncPhaseOrder[a.phase] - syncPhaseOrder[b.phase];
  if (phase !== 0) return phase;
  if (a.wave !== b.wave) return a.wave - b.wave;
  const ao = taskObject(a);
  const bo = taskObject(b);
  const kind = kindRank(ao.kind) - kindRank(bo.kind);
  if (kind !== 0) return kind;
  const an = ao.metadata.name ?? '';
  const bn = bo.metadata.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

type KeyOf = (obj: KubeObject, task: SyncTask) => string | undefined;

/** Moves each dependency before the first task that refers to it (gitops-engine `adjustDeps`). */
export function adjustDeps(tasks: SyncTask[], isDep: KeyOf, refersTo: KeyOf): void {
  const firstIndex = new Map<string, number>();
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    if (!t.target) continue;
    const depKey = isDep(t.target, t);
    if (depKey !== undefined) {
      const index = firstIndex.get(depKey);
      if (index === undefined) continue;
      const first = tasks[index]!;
      t.wave = first.wave;
      t.phase = first.phase;
      tasks.splice(i, 1);
      tasks.splice(index, 0, t);
      for (const [k, v] of firstIndex) if (v >= index) firstIndex.set(k, v + 1);
    } else {
      const ref = refersTo(t.target, t);
      if (ref !== undefined && !firstIndex.has(ref)) firstIndex.set(ref, i);
    }
  }
}

export function sortTasks(tasks: SyncTask[]): SyncTask[] {
  tasks.sort(compareTasks);
  adjustDeps(
    tasks,
    (o, t) => (o.kind === 'Namespace' && groupOfTask(t) === '' ? o.metadata.name : undefined),
    (o) => o.metadata.namespace || undefined,
  );
  adjustDeps(
    tasks,
    (o, t) => {
      if (o.kind !== 'CustomResourceDefinition' || groupOfTask(t) !== 'apiextensions.k8s.io')
        return undefined;
      const group = getPath(o, ['spec', 'group']);
      const kind = getPath(o, ['spec', 'names', 'kind']);
      return typeof group === 'string' && typeof kind === 'string' ? `${group}/${kind}` : undefined;
    },
    (o, t) => `${groupOfTask(t)}/${o.kind}`,
  );
  return tasks;
}
