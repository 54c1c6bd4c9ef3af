// The sync dialog's choices as Argo's ApplicationSyncRequest (docs/api.md §8).
import type { SyncRequest, SyncResourceRef } from '../api/types.ts';

export interface SyncChoices {
  prune: boolean;
  dryRun: boolean;
  force: boolean;
  applyOutOfSyncOnly: boolean;
  serverSideApply: boolean;
}

/** `resources` undefined means all of them (a full sync, recorded in history). */
export function syncRequestOf(
  revision: string,
  c: SyncChoices,
  resources: SyncResourceRef[] | undefined,
): SyncRequest {
  const options = [
    ...(c.applyOutOfSyncOnly ? ['ApplyOutOfSyncOnly=true'] : []),
    ...(c.serverSideApply ? ['ServerSideApply=true'] : []),
  ];
  return {
    ...(revision.trim() ? { revision: revision.trim() } : {}),
    prune: c.prune,
    dryRun: c.dryRun,
    strategy: { apply: { force: c.force } },
    ...(resources ? { resources } : {}),
    ...(options.length ? { syncOptions: { items: options } } : {}),
  };
}
