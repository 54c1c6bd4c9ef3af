// Flux inventory entries: `id` is `<namespace>_<name>_<group>_<kind>`, `v` the version
// (flux.md §3.6). Kubernetes names, namespaces, groups and kinds never contain `_`.

export interface InventoryItem {
  id: string;
  namespace: string;
  name: string;
  group: string;
  version: string;
  kind: string;
}

export function parseInventoryEntry(entry: { id: string; v: string }): InventoryItem | undefined {
  const parts = entry.id.split('_');
  if (parts.length !== 4) return undefined;
  const [namespace = '', name = '', group = '', kind = ''] = parts;
  if (name === '' || kind === '') return undefined;
  return { id: entry.id, namespace, name, group, version: entry.v, kind };
}

/** `apps/v1` or `v1`: how kubectl prints a group and version. */
export function apiVersionOf(item: { group: string; version: string }): string {
  return item.group === '' ? item.version : `${item.group}/${item.version}`;
}
