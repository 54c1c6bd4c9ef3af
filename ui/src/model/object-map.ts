// A list kept current by watch events: keyed by namespace/name, newer resourceVersions win.
import type { KubeObject, WatchEvent } from '../api/types.ts';

export const objectKey = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Applies events to a copy of `map`; returns the same map if nothing changed. */
export function applyEvents<T extends KubeObject>(
  map: ReadonlyMap<string, T>,
  events: readonly WatchEvent<T>[],
): Map<string, T> {
  if (events.length === 0) return map as Map<string, T>;
  const next = new Map(map);
  for (const e of events) {
    const key = objectKey(e.object);
    if (e.type === 'DELETED') next.delete(key);
    else next.set(key, e.object);
  }
  return next;
}
