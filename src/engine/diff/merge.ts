/**
 * The legacy diff's prediction of the live object after `kubectl apply` (Argo CD's three-way diff):
 * live, plus what Git sets, minus what the last apply set and Git no longer does. Fields only the
 * cluster set (defaults, controllers, other tools) stay.
 *
 * Lists of objects merge by `name` (containers, env, volumes) or by port, the merge keys of the
 * built-in types that matter most; other lists are replaced. This stands in for a strategic merge
 * patch until `kube` exports one.
 */
import { isObject, type JsonObject } from '../object/path.ts';
import { cloneJson } from './normalize.ts';

function mergeKey(field: string, items: unknown[]): string | undefined {
  if (!items.every(isObject)) return undefined;
  for (const key of field === 'ports'
    ? ['containerPort', 'port', 'name']
    : ['name', 'mountPath', 'devicePath']) {
    if (items.every((i) => i[key] !== undefined)) return key;
  }
  return undefined;
}

function mergeList(field: string, last: unknown, desired: unknown[], live: unknown): unknown[] {
  const liveItems: unknown[] | undefined = Array.isArray(live) ? live : undefined;
  if (!liveItems) return cloneJson(desired);
  const key = mergeKey(field, [...desired, ...liveItems]);
  if (!key) return cloneJson(desired);
  const lastItems = Array.isArray(last) ? last : [];
  const find = (list: unknown[], k: unknown) => list.find((i) => isObject(i) && i[key] === k);
  const out: unknown[] = desired.map((d) =>
    merge(find(lastItems, (d as JsonObject)[key]), d, find(liveItems, (d as JsonObject)[key])),
  );
  // Items the cluster added (not from a previous apply) survive, after the desired ones.
  for (const l of liveItems) {
    const k = (l as JsonObject)[key];
    if (!find(desired, k) && !find(lastItems, k)) out.push(cloneJson(l));
  }
  return out;
}

/** Three-way merge of JSON values: `desired` wins, `last`-only keys are removed, `live`-only keys stay. */
export function merge(last: unknown, desired: unknown, live: unknown, field = ''): unknown {
  if (Array.isArray(desired)) return mergeList(field, last, desired, live);
  if (!isObject(desired) || !isObject(live)) return cloneJson(desired);
  const out: JsonObject = {};
  const lastObj = isObject(last) ? last : {};
  for (const k of Object.keys(live)) {
    if (k in desired) continue;
    if (k in lastObj) continue; // applied before, removed from Git since: kubectl apply deletes it
    out[k] = cloneJson(live[k]);
  }
  for (const [k, v] of Object.entries(desired)) {
    if (v === null) continue; // null in a manifest deletes the field
    out[k] = merge(lastObj[k], v, live[k], k);
  }
  return out;
}
