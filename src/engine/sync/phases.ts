/**
 * Sync phases in order. `PreDelete` and `PostDelete` hooks run only when the application is deleted,
 * never in a sync (Argo CD runs them through finalizers).
 */
import type { KubeObject } from '../../core/index.ts';
import { hookTypes, isHook, isSkipped } from './hooks.ts';

export type SyncPhase = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail';
export type DeletionPhase = 'PreDelete' | 'PostDelete';

export const syncPhaseOrder: Record<SyncPhase, number> = { PreSync: -1, Sync: 0, PostSync: 1, SyncFail: 2 };

/** The sync phases an object takes part in: Sync for plain resources, its hook types for hooks. */
export function syncPhases(obj: KubeObject): SyncPhase[] {
  if (isSkipped(obj)) return [];
  if (!isHook(obj)) return ['Sync'];
  return hookTypes(obj).filter((t): t is SyncPhase => t in syncPhaseOrder);
}

/** Whether a hook runs when its application is deleted, and in which phase. */
export function deletionPhases(obj: KubeObject): DeletionPhase[] {
  if (!isHook(obj)) return [];
  return hookTypes(obj).filter((t): t is DeletionPhase => t === 'PreDelete' || t === 'PostDelete');
}
