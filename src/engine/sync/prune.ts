/**
 * What happens to a prune task (gitops-engine `pruneObject`), with Argo CD's result messages:
 * a sync without prune leaves it ("ignored (requires pruning)"), `Prune=false` leaves it
 * ("ignored (no prune)"), `Prune=confirm` waits for the application's
 * `argocd.argoproj.io/deletion-approved` annotation, a dry run only says "pruned (dry run)", an
 * object already being deleted is not deleted again. Deletes cascade in the foreground unless
 * `PrunePropagationPolicy` says otherwise (Flux prunes in the background).
 */
import type { PropagationPolicy } from '../../kube/index.ts';
import type { PrunePropagationPolicy } from './options.ts';
import type { SyncTask } from './task.ts';

export type PruneDecision =
  | { action: 'skip'; status: 'PruneSkipped'; message: string }
  | { action: 'await-confirmation'; message: string }
  | { action: 'none'; status: 'Pruned'; message: string }
  | { action: 'delete'; propagationPolicy: PropagationPolicy };

export interface PruneContext {
  /** The operation allows pruning (`syncPolicy.automated.prune`, `--prune`). */
  prune: boolean;
  dryRun: boolean;
  /** The application carries a deletion approval newer than the operation start. */
  confirmed: boolean;
}

const policies: Record<PrunePropagationPolicy, PropagationPolicy> = {
  foreground: 'Foreground',
  background: 'Background',
  orphan: 'Orphan',
};

export function pruneDecision(task: SyncTask, ctx: PruneContext): PruneDecision {
  if (!ctx.prune) return { action: 'skip', status: 'PruneSkipped', message: 'ignored (requires pruning)' };
  if (task.options.prune === false)
    return { action: 'skip', status: 'PruneSkipped', message: 'ignored (no prune)' };
  if (task.options.prune === 'confirm' && !ctx.confirmed) {
    return { action: 'await-confirmation', message: 'waiting for pruning confirmation' };
  }
  if (ctx.dryRun) return { action: 'none', status: 'Pruned', message: 'pruned (dry run)' };
  if (task.live?.metadata.deletionTimestamp) return { action: 'none', status: 'Pruned', message: 'pruned' };
  return {
    action: 'delete',
    propagationPolicy: policies[task.options.prunePropagationPolicy ?? 'foreground'],
  };
}
