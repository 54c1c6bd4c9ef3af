/**
 * `managedFields[].fieldsV1` → the set of fields a manager owns. The encoding (structured-merge-diff
 * FieldsV1) nests one key per path element: `f:<name>` a map field, `k:<json>` a list item by its
 * merge keys, `v:<json>` a set item by value, `i:<n>` a list item by index; `.` marks the node itself
 * as owned. A leaf `{}` is owned too.
 *
 * Written here because `kube` does not export a FieldsV1 parser yet; when it does, pass its function
 * as `FieldSetOf` and delete this file.
 */
import type { KubeObject } from '../../core/index.ts';
import { isObject } from '../object/path.ts';

export type FieldPathElement =
  { field: string } | { key: Record<string, unknown> } | { value: unknown } | { index: number };

export type FieldPath = FieldPathElement[];

/** The paths a manager owns, each as the element list from the object's root. */
export type FieldSet = FieldPath[];

/** managedFields → owned fields of the listed managers; the seam for kube's implementation. */
export type FieldSetOf = (obj: KubeObject, managers: readonly string[]) => FieldSet;

function element(key: string): FieldPathElement {
  const body = key.slice(2);
  switch (key.slice(0, 2)) {
    case 'f:':
      return { field: body };
    case 'k:':
      return { key: JSON.parse(body) as Record<string, unknown> };
    case 'v:':
      return { value: JSON.parse(body) as unknown };
    case 'i:':
      return { index: Number(body) };
    default:
      throw new Error(`unknown fieldsV1 key ${JSON.stringify(key)}`);
  }
}

/** Parses one `fieldsV1` tree. Throws on keys that are not FieldsV1. */
export function parseFieldsV1(fields: unknown): FieldSet {
  const out: FieldSet = [];
  const walk = (node: unknown, prefix: FieldPath): void => {
    if (!isObject(node)) return;
    const keys = Object.keys(node).filter((k) => k !== '.');
    if (prefix.length > 0 && (keys.length === 0 || '.' in node)) out.push(prefix);
    for (const k of keys) walk(node[k], [...prefix, element(k)]);
  };
  walk(fields, []);
  return out;
}

/** The union of the fields owned by any of `managers` (any operation, main resource only). */
export const managedFieldSet: FieldSetOf = (obj, managers) => {
  const out: FieldSet = [];
  for (const entry of obj.metadata.managedFields ?? []) {
    if (entry.subresource || !managers.includes(entry.manager ?? '')) continue;
    out.push(...parseFieldsV1(entry.fieldsV1));
  }
  return out;
};
