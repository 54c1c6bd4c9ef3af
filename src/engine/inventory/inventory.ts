/**
 * A Flux inventory: the objects a Kustomization applied last time, so that the next reconcile
 * prunes exactly those it no longer renders (`stale = previous − current`), never by scanning labels.
 * Built from the ChangeSet of an apply; objects whose delete was refused are merged back so the next
 * reconcile retries them instead of leaking them (kustomize-controller#1664).
 */
import type { KubeObject } from '../../core/index.ts';
import type { ChangeSet } from '../sync/changeset.ts';
import { fluxDeleteOrder } from '../sync/flux-order.ts';
import { entryOf, formatInventoryId, objectOfEntry, type InventoryEntry } from './entry.ts';

export interface Inventory {
  entries: InventoryEntry[];
}

export function inventoryOf(objects: readonly KubeObject[]): Inventory {
  const seen = new Set<string>();
  const entries: InventoryEntry[] = [];
  for (const o of objects) {
    const e = entryOf(o);
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    entries.push(e);
  }
  return { entries };
}

/** Every applied object of a ChangeSet except failed and skipped ones. */
export function inventoryFromChangeSet(cs: ChangeSet): Inventory {
  return {
    entries: cs.entries
      .filter((e) => e.action !== 'failed' && e.action !== 'skipped' && e.action !== 'pruned')
      .map((e) => ({ id: formatInventoryId(e), v: e.version })),
  };
}

/** Objects in `previous` that `current` no longer has, in deletion order. */
export function staleObjects(previous: Inventory | undefined, current: Inventory): KubeObject[] {
  const keep = new Set(current.entries.map((e) => e.id));
  return fluxDeleteOrder((previous?.entries ?? []).filter((e) => !keep.has(e.id)).map(objectOfEntry));
}

/** Adds objects not in the inventory yet (e.g. prunes the API server refused). */
export function mergeInventory(inv: Inventory, objects: readonly KubeObject[]): Inventory {
  const seen = new Set(inv.entries.map((e) => e.id));
  const entries = [...inv.entries];
  for (const o of objects) {
    const e = entryOf(o);
    if (!seen.has(e.id)) {
      seen.add(e.id);
      entries.push(e);
    }
  }
  return { entries };
}

/** The inventory's objects (metadata only), in inventory order. */
export function inventoryObjects(inv: Inventory): KubeObject[] {
  return inv.entries.map(objectOfEntry);
}
