/**
 * Turns a field path (`.spec.containers[name="web"].image`) into the concrete JSON path in one
 * object (`['spec', 'containers', 0, 'image']`), finding list items by their keys or value.
 */
import { isObject, type PathElement } from '../object/path.ts';
import type { FieldPath, FieldPathElement } from './fieldset.ts';
import { deepEqual } from './equal.ts';

function indexOf(list: unknown[], el: Exclude<FieldPathElement, { field: string }>): number {
  if ('index' in el) return el.index < list.length ? el.index : -1;
  if ('value' in el) return list.findIndex((x) => deepEqual(x, el.value));
  const key = el.key;
  return list.findIndex((x) => isObject(x) && Object.entries(key).every(([k, v]) => deepEqual(x[k], v)));
}

export function resolveFieldPath(obj: unknown, fp: FieldPath): PathElement[] | undefined {
  const out: PathElement[] = [];
  let cur: unknown = obj;
  for (const el of fp) {
    if ('field' in el) {
      if (!isObject(cur) || !Object.hasOwn(cur, el.field)) return undefined;
      out.push(el.field);
      cur = cur[el.field];
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
