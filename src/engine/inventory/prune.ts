/**
 * Flux's garbage collection (kustomize-controller `prune`): delete what the previous inventory has
 * and the new one does not, in reverse apply order, in the background; only objects whose owner
 * labels still name this Kustomization (adopted or re-owned objects are left alone), never those
 * marked `kustomize.toolkit.fluxcd.io/prune: disabled` (or `reconcile: disabled`, `ssa: Ignore`).
 * Objects whose delete failed go back into the inventory, so the next reconcile tries again
 * instead of leaking them (kustomize-controller#1664).
 */
import { formatRef, type KubeObject } from '../../core/index.ts';
import type { KubeClient, KubeReader, KubeWriter } from '../../kube/index.ts';
import type { ChangeSet } from '../sync/changeset.ts';
import { deleteAll } from '../sync/delete.ts';
import type { Tracker } from '../tracking/tracker.ts';
import { mergeInventory, staleObjects, type Inventory } from './inventory.ts';

export interface PruneInventoryOptions {
  signal: AbortSignal;
  client: Pick<KubeClient, keyof KubeWriter | keyof KubeReader>;
  /** The Kustomization: its tracker (`fluxTracker()`) and `namespace/name`. */
  owner: { tracker: Tracker; name: string };
  dryRun: boolean;
  /** Wait until pruned objects are gone. */
  wait: boolean;
  timeoutMs: number;
}

export const defaultPruneInventoryOptions: Omit<PruneInventoryOptions, 'signal' | 'client' | 'owner'> = {
  dryRun: false,
  wait: false,
  timeoutMs: 60_000,
};

const DISABLED: readonly [string, string][] = [
  ['kustomize.toolkit.fluxcd.io/prune', 'disabled'],
  ['kustomize.toolkit.fluxcd.io/reconcile', 'disabled'],
  ['kustomize.toolkit.fluxcd.io/ssa', 'ignore'],
];

function excluded(live: KubeObject): boolean {
  return DISABLED.some(([k, v]) => {
    const value = live.metadata.annotations?.[k] ?? live.metadata.labels?.[k];
    return value !== undefined && value.toLowerCase() === v;
  });
}

export interface PruneInventoryResult {
  changeSet: ChangeSet;
  /** `current` plus the objects that could not be deleted: store this as the new inventory. */
  inventory: Inventory;
}

export async function pruneInventory(
  previous: Inventory | undefined,
  current: Inventory,
  options: Partial<PruneInventoryOptions> & Pick<PruneInventoryOptions, 'signal' | 'client' | 'owner'>,
): Promise<PruneInventoryResult> {
  const o: PruneInventoryOptions = { ...defaultPruneInventoryOptions, ...options };
  const stale = staleObjects(previous, current);
  const changeSet = await deleteAll(stale, {
    signal: o.signal,
    client: o.client,
    propagationPolicy: 'Background',
    dryRun: o.dryRun,
    inclusion: (live) => o.owner.tracker.ownerOf(live) === o.owner.name,
    exclusion: excluded,
    wait: o.wait,
    timeoutMs: o.timeoutMs,
  });
  const failed = new Set(changeSet.failed().map((e) => e.subject));
  const keep = stale.filter((s) => failed.has(formatRef(s)));
  return { changeSet, inventory: mergeInventory(current, keep) };
}
