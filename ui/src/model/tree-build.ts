// Turns the server's flat node list into the tree the UI draws: the Application (or Kustomization)
// as the root, its managed resources under it, and their owned children (ReplicaSets, Pods) under
// those. Sync status comes from status.resources, as in Argo's UI; expected but absent resources
// become Missing nodes so that what is not there is still visible.
import type { HealthStatus, ResourceNode, ResourceStatus, SyncStatus } from '../api/types.ts';
import { resourceKey } from './resource-key.ts';

export interface TreeItem {
  key: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  health?: HealthStatus | undefined;
  healthMessage?: string | undefined;
  sync?: SyncStatus | undefined;
  requiresPruning?: boolean | undefined;
  info: { name: string; value: string }[];
  images: string[];
  createdAt?: string | undefined;
  uid?: string | undefined;
  /** Keys of parents; the root's key for top-level resources. */
  parents: string[];
  /** True for the root (the Application or Kustomization itself). */
  root?: boolean;
}

export interface RootSpec {
  kind: string;
  namespace: string;
  name: string;
  health?: HealthStatus | undefined;
  sync?: SyncStatus | undefined;
}

export function buildTree(
  root: RootSpec,
  nodes: readonly ResourceNode[],
  managed: readonly ResourceStatus[] = [],
): TreeItem[] {
  const rootKey = `root/${root.kind}/${root.namespace}/${root.name}`;
  const items: TreeItem[] = [
    {
      key: rootKey,
      group: '',
      version: '',
      kind: root.kind,
      namespace: root.namespace,
      name: root.name,
      health: root.health,
      sync: root.sync,
      info: [],
      images: [],
      parents: [],
      root: true,
    },
  ];
  const status = new Map(managed.map((r) => [resourceKey(r), r]));
  const byUid = new Map(nodes.filter((n) => n.uid).map((n) => [n.uid, resourceKey(n)]));
  const present = new Set(nodes.map((n) => resourceKey(n)));

  for (const n of nodes) {
    const key = resourceKey(n);
    const parents = (n.parentRefs ?? [])
      .map((p) => (p.uid && byUid.get(p.uid)) || resourceKey(p))
      .filter((p) => present.has(p));
    const s = status.get(key);
    items.push({
      key,
      group: n.group ?? '',
      version: n.version,
      kind: n.kind,
      namespace: n.namespace ?? '',
      name: n.name,
      health: n.health?.status,
      healthMessage: n.health?.message,
      sync: s?.status,
      requiresPruning: s?.requiresPruning,
      info: n.info ?? [],
      images: n.images ?? [],
      createdAt: n.createdAt,
      uid: n.uid,
      parents: parents.length > 0 ? parents : [rootKey],
    });
  }
  for (const [key, s] of status) {
    if (present.has(key)) continue;
    items.push({
      key,
      group: s.group ?? '',
      version: s.version,
      kind: s.kind,
      namespace: s.namespace ?? '',
      name: s.name,
      health: s.health?.status ?? 'Missing',
      healthMessage: s.health?.message,
      sync: s.status,
      requiresPruning: s.requiresPruning,
      info: [],
      images: [],
      parents: [rootKey],
    });
  }
  return items;
}
