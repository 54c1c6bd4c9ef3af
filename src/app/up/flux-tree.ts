/**
 * The resource tree of a Flux Kustomization for the API server: the objects of its
 * `status.inventory` that still exist, with their descendants, built by the engine exactly as an
 * Application's tree is.
 */
import { buildTree, parseInventoryId, type ClusterCache } from '../../engine/index.ts';

export function fluxTree(cache: ClusterCache) {
  return (namespace: string, name: string): Promise<unknown> => {
    const ks = cache.get({ group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', namespace, name });
    if (!ks) return Promise.resolve(undefined);
    const entries =
      (ks['status'] as { inventory?: { entries?: { id: string }[] } } | undefined)?.inventory?.entries ?? [];
    const roots = [];
    for (const entry of entries) {
      try {
        const ref = parseInventoryId(entry.id);
        const live = cache.get(ref);
        if (live) roots.push(live);
      } catch {
        // An id this version cannot read names nothing we can show.
      }
    }
    return Promise.resolve(buildTree(cache, roots));
  };
}
