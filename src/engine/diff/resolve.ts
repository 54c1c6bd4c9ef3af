/**
 * Turns a managed-fields path (`f:spec`, `f:containers`, `k:{"name":"web"}`, `f:image`) into the
 * concrete JSON path in one object (`['spec', 'containers', 0, 'image']`), finding list items by
 * their keys, value or index.
 */
import type { PathElement as FieldElement } from '../../kube/index.ts';
import { isObject, type PathElement } from '../object/path.ts';
import { deepEqual } from './equal.ts';

/** The list index an element names in `list`, or -1. */
function indexOf(list: unknown[], el: FieldElement): number {
  const body = el.slice(2);
  switch (el.charAt(0)) {
    case 'i': {
      const i = Number(body);
      return i < list.length ? i : -1;
    }
    case 'v': {
      const value: unknown = JSON.parse(body);
      return list.findIndex((x) => deepEqual(x, value));
    }
    case 'k': {
      const key = JSON.parse(body) as Record<string, unknown>;
      return list.findIndex((x) => isObject(x) && Object.entries(key).every(([k, v]) => deepEqual(x[k], v)));
    }
    default:
      return -1;
  }
}

export function resolveFieldPath(obj: unknown, fp: readonly FieldElement[]): PathElement[] | undefined {
  const out: PathElement[] = [];
  let cur: unknown = obj;
  for (const el of fp) {
    if (el.startsWith('f:')) {
      const field = el.slice(2);
      if (!isObject(cur) || !Object.hasOwn(cur, field)) return undefined;
      out.push(field);
      cur = cur[field];
      continue;
    }
    if (!Array.isArray(cur)) return undefined;
    const list: unknown[] = cur;
    const i = indexOf(list, el);
    if (i < 0) return undefined;
    out.push(i);
    cur = list[i];
  }
  return out;
}
