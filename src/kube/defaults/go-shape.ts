import { isObject } from '../json.ts';
import type { SchemaNode } from '../schema/types.ts';

/**
 * What Go's JSON encoding adds to every built-in object the server returns: non-pointer structs
 * are always written (`resources: {}`, `status: {}`, `metadata: {creationTimestamp: null}` in pod
 * templates) and unset `metav1.Time` values as null. Objects stored through these helpers read
 * back as a real server's do, and update managedFields come out the same.
 */

/**
 * Adds what Go would write for unset struct and time fields, in place, below every object the
 * value holds. Idempotent.
 */
export function materializeGoValues(value: unknown, node: SchemaNode): void {
  if (node.kind === 'list') {
    if (Array.isArray(value)) for (const item of value) materializeGoValues(item, node.elements());
    return;
  }
  if (!isObject(value)) return;
  if (node.kind === 'map') {
    for (const v of Object.values(value)) materializeGoValues(v, node.elements());
    return;
  }
  if (node.kind !== 'struct') return;
  for (const [field, kind] of node.goValueFields) {
    if (Object.hasOwn(value, field)) continue;
    if (kind === 'struct') value[field] = {};
    else if (kind === 'time') value[field] = null;
  }
  for (const key of Object.keys(value)) {
    const sub = node.field(key);
    if (sub) materializeGoValues(value[key], sub);
  }
}

/**
 * The zero value of a built-in type as Go writes it: what an empty object of the kind looks like
 * to the server when it tracks the fields a create sets.
 */
export function goZeroValue(node: SchemaNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (node.kind !== 'struct') return out;
  for (const [field, kind] of node.goValueFields) {
    if (kind === 'struct') {
      const sub = node.field(field);
      out[field] = sub ? goZeroValue(sub) : {};
    } else out[field] = null;
  }
  return out;
}
