import { expired } from '../errors.ts';
import type { History } from './history.ts';
import { compareKeys, type Store, type StoredObject } from './store.ts';

/**
 * A resource's objects as they were at resourceVersion `rv`: the current objects with the
 * changes made after `rv` rolled back from history. Paginated lists read every page at the
 * first page's resourceVersion this way, as etcd serves them.
 */
export function listAt(
  store: Store,
  history: History,
  resource: string,
  rv: number,
  namespace: string | undefined,
  tooOld: string,
): StoredObject[] {
  if (rv >= store.rv) return [...store.list(resource, namespace)];
  if (!history.covers(rv)) throw expired(tooOld);
  const byKey = new Map(store.list(resource, namespace).map((o) => [o.key, o]));
  const changes = history.since(rv, resource);
  for (let i = changes.length - 1; i >= 0; i--) {
    const e = changes[i]!;
    if (namespace !== undefined && e.namespace !== namespace) continue;
    const key = `${e.namespace}/${e.name}`;
    if (e.previous) byKey.set(key, e.previous);
    else byKey.delete(key);
  }
  return [...byKey.values()].sort((a, b) => compareKeys(a.key, b.key));
}
