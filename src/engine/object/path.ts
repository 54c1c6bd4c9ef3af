/**
 * Reading and editing unstructured objects by path (`['spec', 'template', 'spec']`). Objects come
 * from JSON, so every value is a plain object, an array or a scalar.
 */
export type PathElement = string | number;
export type Path = readonly PathElement[];

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at `path`, or undefined when any step is missing. */
export function getPath(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const el of path) {
    if (Array.isArray(cur) && typeof el === 'number') cur = cur[el];
    else if (isObject(cur) && typeof el === 'string') cur = cur[el];
    else return undefined;
  }
  return cur;
}

export function hasPath(obj: unknown, path: Path): boolean {
  let cur: unknown = obj;
  for (const el of path) {
    if (Array.isArray(cur) && typeof el === 'number' && el >= 0 && el < cur.length) cur = cur[el];
    else if (isObject(cur) && typeof el === 'string' && Object.hasOwn(cur, el)) cur = cur[el];
    else return false;
  }
  return true;
}

/** Sets the value at `path`, creating objects for missing string steps. False when a step is not a container. */
export function setPath(obj: JsonObject, path: Path, value: unknown): boolean {
  let cur: unknown = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const el = path[i]!;
    if (Array.isArray(cur) && typeof el === 'number') cur = cur[el];
    else if (isObject(cur) && typeof el === 'string') {
      if (!isObject(cur[el]) && !Array.isArray(cur[el])) cur[el] = {};
      cur = cur[el];
    } else return false;
  }
  const last = path[path.length - 1];
  if (Array.isArray(cur) && typeof last === 'number' && last <= cur.length) cur[last] = value;
  else if (isObject(cur) && typeof last === 'string') cur[last] = value;
  else return false;
  return true;
}

/** Removes the value at `path` (array items are spliced out). True when something was removed. */
export function deletePath(obj: unknown, path: Path): boolean {
  if (path.length === 0) return false;
  const parent = getPath(obj, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number' && last >= 0 && last < parent.length) {
    parent.splice(last, 1);
    return true;
  }
  if (isObject(parent) && typeof last === 'string' && Object.hasOwn(parent, last)) {
    delete parent[last];
    return true;
  }
  return false;
}

/** An integer field, or `fallback` when absent or not a number (kstatus's GetIntField). */
export function intAt(obj: unknown, path: Path, fallback: number): number {
  const v = getPath(obj, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** A string field, or `fallback` when absent or not a string. */
export function stringAt(obj: unknown, path: Path, fallback = ''): string {
  const v = getPath(obj, path);
  return typeof v === 'string' ? v : fallback;
}

export function deepClone<T>(v: T): T {
  return structuredClone(v);
}
