import { isObject, jsonKind, type JsonKind } from '../json.ts';
import { PATCH } from './directives.ts';
import { StrategicMergePatchError } from './errors.ts';
import { goValueString } from './go-format.ts';

/**
 * List helpers shared by applying and creating patches: element kinds, merge-key lookups and the
 * ordering rules of apimachinery's "preserve order in strategic merge patch" design
 * ($setElementOrder > order in the patch > order in the live list).
 */

export type ListItems = unknown[];

/** The kind shared by every element of the given lists; an error when they differ or nest lists. */
export function sliceElementKind(...lists: (ListItems | undefined)[]): JsonKind {
  let kind: JsonKind | undefined;
  for (const list of lists) {
    for (const v of list ?? []) {
      const k = jsonKind(v);
      if (kind === undefined) {
        if (k === 'list') throw new StrategicMergePatchError('lists of lists are not supported');
        kind = k;
      } else if (k !== kind) {
        throw new StrategicMergePatchError(
          `list element types are not identical: [${lists.map((l) => goValueString(l ?? [])).join(' ')}]`,
        );
      }
    }
  }
  if (kind === undefined) throw new StrategicMergePatchError('no elements in any of the given slices');
  return kind;
}

export function noMergeKey(m: unknown, key: string): StrategicMergePatchError {
  return new StrategicMergePatchError(`map: ${goValueString(m)} does not contain declared merge key: ${key}`);
}

export function badArgType(expected: string, actual: unknown): StrategicMergePatchError {
  const kind = jsonKind(actual);
  const name =
    kind === 'map'
      ? 'map[string]interface {}'
      : kind === 'list'
        ? '[]interface {}'
        : kind === 'number'
          ? 'float64'
          : kind === 'boolean'
            ? 'bool'
            : kind === 'null'
              ? '<nil>'
              : 'string';
  return new StrategicMergePatchError(`expected a ${expected}, but received a ${name}`);
}

/** The merge key of an item (the item itself for scalars), for ordering. */
function keyOf(item: unknown, mergeKey: string, kind: JsonKind): unknown {
  if (kind !== 'map') return item;
  return isObject(item) ? item[mergeKey] : undefined;
}

/** Index of the item in `list` by merge key (or value), -1 when absent. */
export function indexByKey(list: ListItems, item: unknown, mergeKey: string, kind: JsonKind): number {
  const want = keyOf(item, mergeKey, kind);
  for (let i = 0; i < list.length; i++) {
    if (keyOf(list[i], mergeKey, kind) === want) return i;
  }
  return -1;
}

function validateMergeKeyInLists(mergeKey: string, ...lists: ListItems[]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw badArgType('map[string]interface {}', item);
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
  }
}

/** Splits a patch list into kept items and `$patch: delete` items. */
export function extractToDeleteItems(list: ListItems): { keep: ListItems; remove: ListItems } {
  const keep: ListItems = [];
  const remove: ListItems = [];
  for (const v of list) {
    if (!isObject(v)) throw badArgType('map[string]interface {}', v);
    if (v[PATCH] === 'delete') remove.push(v);
    else keep.push(v);
  }
  return { keep, remove };
}

/** Sorts `toSort` by the position of each item in `order`; delete directives go last. */
export function normalizeSliceOrder(
  toSort: ListItems,
  order: ListItems,
  mergeKey: string,
  kind: JsonKind,
): ListItems {
  let items = toSort;
  let deletes: ListItems = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    ({ keep: items, remove: deletes } = extractToDeleteItems(toSort));
  }
  const positions = items.map((item) => indexByKey(order, item, mergeKey, kind));
  const sorted = items
    .map((item, i) => ({ item, pos: positions[i] ?? -1 }))
    .sort((a, b) => (a.pos >= 0 && b.pos >= 0 ? a.pos - b.pos : 0))
    .map((x) => x.item);
  return [...sorted, ...deletes];
}

/**
 * Interleaves server-only items (`left`) into patch items (`right`), keeping each list's relative
 * order; an item goes before the first patch item it preceded in the live list.
 */
function mergeSortedSlice(
  left: ListItems,
  right: ListItems,
  serverOrder: ListItems,
  mergeKey: string,
  kind: JsonKind,
): ListItems {
  const out: ListItems = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexByKey(serverOrder, left[i], mergeKey, kind);
      const ri = indexByKey(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Orders patch items by `patchOrder`, server-only items by `serverOrder`, then interleaves them. */
export function normalizeElementOrder(
  patch: ListItems,
  serverOnly: ListItems,
  patchOrder: ListItems,
  serverOrder: ListItems,
  mergeKey: string,
  kind: JsonKind,
): ListItems {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

/** Splits scalars into those present in `by` and the rest. */
export function partitionPrimitives(
  list: ListItems,
  by: ListItems,
): { inPatch: ListItems; serverOnly: ListItems } {
  const present = new Set(by);
  const inPatch: ListItems = [];
  const serverOnly: ListItems = [];
  for (const v of list) (present.has(v) ? inPatch : serverOnly).push(v);
  return { inPatch, serverOnly };
}

/** Splits maps into those whose merge key appears in `by` and the rest. */
export function partitionMaps(
  list: ListItems,
  by: ListItems,
  mergeKey: string,
): { inPatch: ListItems; serverOnly: ListItems } {
  const inPatch: ListItems = [];
  const serverOnly: ListItems = [];
  for (const v of list) {
    if (!isObject(v)) throw badArgType('map[string]interface {}', v);
    if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
    (findByKey(by, mergeKey, v[mergeKey]) >= 0 ? inPatch : serverOnly).push(v);
  }
  return { inPatch, serverOnly };
}

/** Index of the first map whose `key` equals `value`; maps only. */
export function findByKey(list: ListItems, key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isObject(v)) throw new StrategicMergePatchError(`value for key ${i} is not a map`);
    if (Object.hasOwn(v, key) && v[key] === value) return i;
  }
  return -1;
}

/**
 * apimachinery's in-place deduplication: a duplicate is overwritten by the last element. The
 * resulting order is what the server produces for merged primitive lists.
 */
export function deduplicateScalars(list: ListItems): ListItems {
  const s = [...list];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}
