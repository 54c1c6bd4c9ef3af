import { isObject } from '../json.ts';
import type { SchemaNode } from '../schema/types.ts';
import { ANY } from '../schema/untyped.ts';
import { keyElement, pathString, valueElement, type PathElement } from './path-element.ts';

/**
 * How structured-merge-diff sees a value at a schema node ("atom"): a map (struct or map, granular
 * or atomic), a list (atomic or associative with keys or as a set), or a leaf. Untyped nodes are
 * deduced from the value: objects merge key by key, lists are atomic, the rest are scalars. A value
 * whose type contradicts the schema is treated as a leaf so a walk never fails on it.
 */
export type Atom =
  | { readonly kind: 'map'; readonly node: SchemaNode; readonly atomic: boolean }
  | {
      readonly kind: 'list';
      readonly node: SchemaNode;
      readonly atomic: boolean;
      readonly keys: readonly string[];
    }
  | { readonly kind: 'leaf' };

const LEAF: Atom = { kind: 'leaf' };
const DEDUCED_MAP: Atom = { kind: 'map', node: ANY, atomic: false };
const DEDUCED_LIST: Atom = { kind: 'list', node: ANY, atomic: true, keys: [] };

/** The atom for `value` (undefined when absent, null for explicit null) at `node`. */
export function atomOf(node: SchemaNode, value: unknown): Atom {
  switch (node.kind) {
    case 'struct':
    case 'map':
      if (value === undefined || value === null || isObject(value)) {
        return { kind: 'map', node, atomic: node.mapType === 'atomic' };
      }
      return LEAF;
    case 'list':
      if (value === undefined || value === null || Array.isArray(value)) {
        return { kind: 'list', node, atomic: node.listType === 'atomic', keys: node.listMapKeys };
      }
      return LEAF;
    case 'any':
      if (isObject(value)) return DEDUCED_MAP;
      if (Array.isArray(value)) return DEDUCED_LIST;
      return LEAF;
    default:
      return LEAF;
  }
}

/** The schema of a map entry: the declared field of a struct, the element type of a map. */
export function childNode(node: SchemaNode, key: string): SchemaNode {
  if (node.kind === 'map') return node.elements();
  return node.field(key) ?? ANY;
}

/** True when `key` is a declared field of a struct node (fields are not members unless leaves). */
export function isNamedField(node: SchemaNode, key: string): boolean {
  return node.kind === 'struct' && node.field(key) !== undefined;
}

/** A list item that cannot be indexed: missing keys, explicit nulls, maps in a set. */
export class ListItemError extends Error {}

/**
 * Key elements of list items, per list schema and item object: stored objects are walked by every
 * request (merge, compare, field sets). The key values are kept to notice items changed in place.
 */
const keyCache = new WeakMap<SchemaNode, WeakMap<object, { pe: PathElement; values: unknown[] }>>();

/** The path element of an item of an associative list (`k:{…}` by keys, `v:…` for a set). */
export function listItemElement(list: SchemaNode, keys: readonly string[], item: unknown): PathElement {
  if (keys.length === 0) return setElement(item);
  if (item === null) throw new ListItemError('associative list with keys may not have a null element');
  if (!isObject(item)) throw new ListItemError('associative list with keys may not have non-map elements');
  let byItem = keyCache.get(list);
  if (!byItem) {
    byItem = new WeakMap();
    keyCache.set(list, byItem);
  }
  const cached = byItem.get(item);
  if (cached && keys.every((k, i) => item[k] === cached.values[i])) return cached.pe;
  const pe = keyedElement(list, keys, item);
  byItem.set(item, { pe, values: keys.map((k) => item[k]) });
  return pe;
}

function keyedElement(list: SchemaNode, keys: readonly string[], item: Record<string, unknown>): PathElement {
  const fields: [string, unknown][] = [];
  for (const k of keys) {
    if (Object.hasOwn(item, k)) fields.push([k, item[k]]);
    else {
      const def = list.listMapKeyDefault(k);
      if (def !== undefined && def !== null) fields.push([k, def]);
    }
  }
  if (fields.length === 0) {
    throw new ListItemError(
      `associative list with keys has an element that omits all key fields ${goQuoteList(keys)} (and doesn't have default values for any key fields)`,
    );
  }
  return keyElement(fields);
}

function setElement(item: unknown): PathElement {
  if (isObject(item))
    throw new ListItemError("associative list without keys has an element that's a map type");
  if (Array.isArray(item)) throw new ListItemError('not supported: associative list with lists as elements');
  if (item === null)
    throw new ListItemError("associative list without keys has an element that's an explicit null");
  return valueElement(item);
}

function goQuoteList(keys: readonly string[]): string {
  return `[${keys.map((k) => JSON.stringify(k)).join(' ')}]`;
}

/** A problem found while walking a typed value, with the path where it was found. */
export interface TypedIssue {
  readonly path: string;
  readonly message: string;
}

export function issueAt(path: readonly PathElement[], message: string): TypedIssue {
  return { path: pathString(path), message };
}
