/**
 * Prune waves (gitops-engine `getSyncTasks`): the waves of prune tasks are reversed by a symmetric
 * swap, so what was created last is pruned first; then `PruneLast` prunes move to one wave after
 * the last Sync wave.
 */
import { isPrune, type SyncTask } from './task.ts';

export function adjustPruneWaves(tasks: SyncTask[]): void {
  const prunes = tasks.filter(isPrune);
  const waves = [...new Set(prunes.map((t) => t.wave))].sort((a, b) => a - b);
  const swapped = new Map(waves.map((w, i) => [w, waves[waves.length - 1 - i]!]));
  for (const t of prunes) t.wave = swapped.get(t.wave) ?? t.wave;
  const lastSyncWave = Math.max(0, ...tasks.filter((t) => t.phase === 'Sync').map((t) => t.wave)) + 1;
  for (const t of prunes) if (t.options.pruneLast) t.wave = lastSyncWave;
}
