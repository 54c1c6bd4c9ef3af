import { compareGoStrings, isObject, jsonEqual, jsonKind, type JsonObject } from '../json.ts';
import type { SchemaNode } from '../schema/types.ts';
import { ANY } from '../schema/untyped.ts';
import {
  DELETE_FROM_PRIMITIVE_LIST,
  PATCH,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
  splitStrategy,
} from './directives.ts';
import { StrategicMergePatchError } from './errors.ts';
import { goValueString, sortByGoString } from './go-format.ts';
import {
  deduplicateScalars,
  noMergeKey,
  normalizeSliceOrder,
  sliceElementKind,
  type ListItems,
} from './order.ts';

/**
 * Computing a strategic merge patch from two documents (apimachinery `diffMaps` and friends): what
 * kubectl sends for `apply`, `edit` and `set image`. Deletions become nulls, `$patch: delete`
 * elements and `$deleteFromPrimitiveList`; changed merge lists get `$setElementOrder`; retainKeys
 * fields get `$retainKeys`.
 */
export interface DiffOptions {
  readonly setElementOrder: boolean;
  readonly ignoreChangesAndAdditions: boolean;
  readonly ignoreDeletions: boolean;
  readonly buildRetainKeysDirective: boolean;
}

export const TWO_WAY_DIFF: DiffOptions = {
  setElementOrder: true,
  ignoreChangesAndAdditions: false,
  ignoreDeletions: false,
  buildRetainKeysDirective: false,
};

/** The patch that turns `original` into `modified` under the given options. */
export function diffMaps(
  original: JsonObject,
  modified: JsonObject,
  schema: SchemaNode,
  options: DiffOptions,
): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: string[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key] ?? null;
    if (options.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key] ?? null;
    if (key === PATCH) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') {
        throw new StrategicMergePatchError(`invalid value for special key: ${PATCH}`);
      }
      if (originalValue !== modifiedValue) patch[PATCH] = modifiedValue;
      continue;
    }
    if (jsonKind(originalValue) !== jsonKind(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isObject(originalValue) && isObject(modifiedValue)) {
      handleMapDiff(key, originalValue, modifiedValue, patch, schema, options);
    } else if (Array.isArray(originalValue) && Array.isArray(modifiedValue)) {
      handleSliceDiff(key, originalValue, modifiedValue, patch, schema, options);
    } else if (!options.ignoreChangesAndAdditions && !jsonEqual(originalValue, modifiedValue)) {
      patch[key] = modifiedValue;
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  }
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    patch[RETAIN_KEYS] = sortByGoString(retainKeys);
  }
  return patch;
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  for (const [k, v] of Object.entries(original)) {
    if (v !== null && !Object.hasOwn(modified, k)) return true;
  }
  return false;
}

function handleMapDiff(
  key: string,
  original: JsonObject,
  modified: JsonObject,
  patch: JsonObject,
  schema: SchemaNode,
  options: DiffOptions,
): void {
  const sub = schema.field(key) ?? ANY;
  const { retainKeys, strategy } = splitStrategy(sub.patchStrategy);
  if (strategy === 'replace') {
    // A replace field is always sent whole (upstream does not compare it first).
    if (!options.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const value = diffMaps(original, modified, sub, { ...options, buildRetainKeysDirective: retainKeys });
  if (Object.keys(value).length > 0) patch[key] = value;
}

function handleSliceDiff(
  key: string,
  original: ListItems,
  modified: ListItems,
  patch: JsonObject,
  schema: SchemaNode,
  options: DiffOptions,
): void {
  const sub = schema.field(key) ?? ANY;
  const { retainKeys, strategy } = splitStrategy(sub.patchStrategy);
  if (strategy !== 'merge') {
    if (!options.ignoreChangesAndAdditions && !jsonEqual(original, modified)) patch[key] = modified;
    return;
  }
  const { add, remove, order } = diffLists(original, modified, sub, sub.patchMergeKey ?? '', {
    ...options,
    buildRetainKeysDirective: retainKeys,
  });
  if (add.length > 0) patch[key] = add;
  if (remove.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = remove;
  if (order.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

interface ListDiff {
  add: ListItems;
  remove: ListItems;
  order: ListItems;
}

function diffLists(
  original: ListItems,
  modified: ListItems,
  listSchema: SchemaNode,
  mergeKey: string,
  options: DiffOptions,
): ListDiff {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return { add: [], remove: [], order: [] };
    return { add: modified, remove: [], order: [] };
  }
  const kind = sliceElementKind(original, modified);
  if (kind === 'map') {
    const { patch, deletions } = diffListsOfMaps(
      original,
      modified,
      listSchema.elements(),
      mergeKey,
      options,
    );
    const add = [...normalizeSliceOrder(patch, modified, mergeKey, kind), ...deletions];
    const orderSame = isOrderSame(original, modified, mergeKey);
    let order: ListItems = [];
    if (
      options.setElementOrder &&
      ((!options.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) ||
        (!options.ignoreDeletions && add.length > 0))
    ) {
      order = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] ?? null }));
    }
    return { add, remove: [], order };
  }
  // Upstream sorts the original list in place here, so the order check below sees it sorted.
  const sortedOriginal = sortByGoString([...original]);
  const { add: added, remove } = diffListsOfScalars(sortedOriginal, modified, options);
  const add = normalizeSliceOrder(added, modified, mergeKey, kind);
  let order: ListItems = [];
  if (
    options.setElementOrder &&
    ((!options.ignoreDeletions && remove.length > 0) ||
      (!options.ignoreChangesAndAdditions && !jsonEqual(sortedOriginal, modified)))
  ) {
    order = modified;
  }
  return { add, remove, order };
}

function isOrderSame(original: ListItems, modified: ListItems, mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  for (let i = 0; i < modified.length; i++) {
    const l = original[i] as JsonObject;
    const r = modified[i] as JsonObject;
    if (!Object.hasOwn(l, mergeKey)) throw noMergeKey(l, mergeKey);
    if (!Object.hasOwn(r, mergeKey)) throw noMergeKey(r, mergeKey);
    if (l[mergeKey] !== r[mergeKey]) return false;
  }
  return true;
}

/** Additions and deletions between two sorted-by-string scalar lists. */
function diffListsOfScalars(sortedOriginal: ListItems, modified: ListItems, options: DiffOptions): ListDiff {
  const mod = sortByGoString([...modified]);
  const add: ListItems = [];
  const remove: ListItems = [];
  let i = 0;
  let j = 0;
  while (i < sortedOriginal.length || j < mod.length) {
    const oIn = i < sortedOriginal.length;
    const mIn = j < mod.length;
    const o = oIn ? goValueString(sortedOriginal[i]) : '';
    const m = mIn ? goValueString(mod[j]) : '';
    const cmp = oIn && mIn ? compareGoStrings(o, m) : 0;
    if (oIn && mIn && cmp === 0) {
      i++;
      j++;
    } else if (!oIn || (mIn && cmp > 0)) {
      if (!options.ignoreChangesAndAdditions) add.push(mod[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) remove.push(sortedOriginal[i]);
      i++;
    }
  }
  return { add, remove: deduplicateScalars(remove), order: [] };
}

/** Changed and added elements (recursive patches) and delete directives, matched by merge key. */
function diffListsOfMaps(
  original: ListItems,
  modified: ListItems,
  element: SchemaNode,
  mergeKey: string,
  options: DiffOptions,
): { patch: ListItems; deletions: ListItems } {
  const patch: ListItems = [];
  const deletions: ListItems = [];
  const keyOf = (item: unknown): unknown => {
    if (!isObject(item))
      throw new StrategicMergePatchError(`expected a map, but received ${goValueString(item)}`);
    if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    return item[mergeKey];
  };
  const orig = sortByGoString([...original], keyOf);
  const mod = sortByGoString([...modified], keyOf);
  let i = 0;
  let j = 0;
  while (i < orig.length || j < mod.length) {
    const oIn = i < orig.length;
    const mIn = j < mod.length;
    const oKey = oIn ? keyOf(orig[i]) : undefined;
    const mKey = mIn ? keyOf(mod[j]) : undefined;
    const cmp = oIn && mIn ? compareGoStrings(goValueString(oKey), goValueString(mKey)) : 0;
    if (oIn && mIn && cmp === 0) {
      const value = diffMaps(orig[i] as JsonObject, mod[j] as JsonObject, element, options);
      if (Object.keys(value).length > 0) {
        value[mergeKey] = mKey ?? null;
        patch.push(value);
      }
      i++;
      j++;
    } else if (!oIn || (mIn && cmp > 0)) {
      if (!options.ignoreChangesAndAdditions) patch.push(mod[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) deletions.push({ [mergeKey]: oKey, [PATCH]: 'delete' });
      i++;
    }
  }
  return { patch, deletions };
}
