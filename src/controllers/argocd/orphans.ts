/**
 * Orphaned resources (AppProject `orphanedResources.warn`): top-level objects in the destination
 * namespace that no application tracks, minus what Kubernetes makes there itself.
 */
import type { Tracker } from '../../engine/index.ts';
import type { DestinationCluster } from './clusters.ts';

const IGNORED_KINDS = new Set(['Event', 'Endpoints', 'EndpointSlice', 'Lease']);

export function orphanedCount(cluster: DestinationCluster, namespace: string, tracker: Tracker): number {
  if (!namespace) return 0;
  let n = 0;
  for (const obj of cluster.cache.list({ namespace })) {
    if (obj.metadata.ownerReferences?.length) continue;
    if (tracker.ownerOf(obj) !== undefined) continue;
    if (IGNORED_KINDS.has(obj.kind)) continue;
    if (obj.kind === 'ConfigMap' && obj.metadata.name === 'kube-root-ca.crt') continue;
    if (obj.kind === 'ServiceAccount' && obj.metadata.name === 'default') continue;
    n++;
  }
  return n;
}
