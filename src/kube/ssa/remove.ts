import { isObject } from '../json.ts';
import type { SchemaNode } from '../schema/types.ts';
import type { FieldSet } from './field-set.ts';
import { fieldElement } from './path-element.ts';
import { atomOf, childNode, ListItemError, listItemElement } from './typed.ts';

/**
 * Removes the items of `toRemove` from a value (structured-merge-diff `RemoveItems`): a member path
 * removes the field or list item with everything under it; a path below descends. Atomic values
 * are never entered. A map or list left empty by removal disappears (Go decodes the null it
 * becomes as "unset"); untouched empty values stay. Returns undefined when nothing is left.
 */
export function removeItems(value: unknown, toRemove: FieldSet, node: SchemaNode): unknown {
  if (toRemove.isEmpty()) return value;
  const atom = atomOf(node, value);
  if (atom.kind === 'leaf' || atom.atomic) return value;
  if (atom.kind === 'map') {
    if (!isObject(value) || Object.keys(value).length === 0) return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const pe = fieldElement(key);
      if (toRemove.members.has(pe)) continue;
      const sub = toRemove.children.get(pe);
      if (sub && !sub.isEmpty()) {
        const v = removeItems(value[key], sub, childNode(atom.node, key));
        if (v !== undefined) out[key] = v;
      } else {
        out[key] = value[key];
      }
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (!Array.isArray(value) || value.length === 0) return value;
  const element = atom.node.elements();
  const out: unknown[] = [];
  for (const item of value) {
    let pe: string;
    try {
      pe = listItemElement(atom.node, atom.keys, item);
    } catch (err) {
      if (err instanceof ListItemError) {
        out.push(item);
        continue;
      }
      throw err;
    }
    if (toRemove.members.has(pe)) continue;
    const sub = toRemove.children.get(pe);
    if (sub && !sub.isEmpty()) {
      const v = removeItems(item, sub, element);
      if (v !== undefined) out.push(v);
    } else out.push(item);
  }
  return out.length > 0 ? out : undefined;
}
