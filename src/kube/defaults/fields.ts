import { isObject } from '../json.ts';

/** Small accessors the defaulting tables share: objects are plain JSON, edited in place. */
export type Obj = Record<string, unknown>;

/** The object at `key`, created when missing (only when `create` is set). */
export function child(obj: Obj, key: string, create = false): Obj | undefined {
  const v = obj[key];
  if (isObject(v)) return v;
  if (!create || (v !== undefined && v !== null)) return undefined;
  const fresh: Obj = {};
  obj[key] = fresh;
  return fresh;
}

/** The object at a dotted path, or undefined when any step is missing or not an object. */
export function at(obj: Obj, path: string): Obj | undefined {
  let cur: Obj | undefined = obj;
  for (const key of path.split('.')) {
    if (!cur) return undefined;
    cur = child(cur, key);
  }
  return cur;
}

/** The objects of the list at `key` (non-objects skipped). */
export function items(obj: Obj | undefined, key: string): Obj[] {
  const v = obj?.[key];
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/**
 * Defaults an optional (pointer) field: sets it when absent or null. Go checks `== nil`, so an
 * explicit zero (`replicas: 0`, `suspend: false`) is kept.
 */
export function setDefault(obj: Obj, key: string, value: unknown): void {
  const v = obj[key];
  if (v === undefined || v === null) obj[key] = value;
}

/**
 * Defaults a value field: Go cannot tell unset from zero there, so `''`, `0` and `false` are
 * replaced too (`timeoutSeconds: 0` becomes 1, as on a real server).
 */
export function setIfZero(obj: Obj, key: string, value: unknown): void {
  const v = obj[key];
  if (v === undefined || v === null || v === '' || v === 0 || v === false) obj[key] = value;
}

export function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (isObject(v) && Object.keys(v).length === 0)
  );
}
