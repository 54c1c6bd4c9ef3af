import { cloneJson, isObject, jsonKind, type JsonObject } from '../json.ts';
import type { SchemaNode } from '../schema/types.ts';
import { ANY } from '../schema/untyped.ts';
import {
  DELETE_FROM_PRIMITIVE_LIST,
  PATCH,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
  isDirectiveKey,
  splitStrategy,
} from './directives.ts';
import { StrategicMergePatchError } from './errors.ts';
import { goValueString } from './go-format.ts';
import {
  badArgType,
  deduplicateScalars,
  extractToDeleteItems,
  findByKey,
  noMergeKey,
  normalizeElementOrder,
  partitionMaps,
  partitionPrimitives,
  sliceElementKind,
  type ListItems,
} from './order.ts';

/**
 * Applying a strategic merge patch (apimachinery `strategicpatch.StrategicMergeMapPatch`), with the
 * two option sets upstream uses: the server applies patches (`mergeParallelList`,
 * `ignoreUnmatchedNulls`); three-way patch creation merges two patches (neither).
 */
export interface MergeOptions {
  /** Apply `$setElementOrder`/`$deleteFromPrimitiveList` parallel lists instead of carrying them. */
  readonly mergeParallelList: boolean;
  /** Drop nulls that match nothing in the original instead of keeping them. */
  readonly ignoreUnmatchedNulls: boolean;
}

export const SERVER_MERGE: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

/**
 * Applies `patch` to `original` as the API server does for built-in types and returns the result;
 * neither input is changed. Directives never reach the result. Throws `StrategicMergePatchError`
 * for malformed patches (the server's 400).
 */
export function strategicMergePatch(original: JsonObject, patch: JsonObject, schema: SchemaNode): JsonObject {
  if (!isObject(patch)) throw new StrategicMergePatchError('invalid JSON document', { object: original });
  try {
    return mergeMap(cloneJson(original), cloneJson(patch), schema, SERVER_MERGE);
  } catch (err) {
    // Inner steps know no object; name it here, as every Capstan error message does.
    if (err instanceof StrategicMergePatchError) {
      throw new StrategicMergePatchError(err.detail, { object: original, code: err.code });
    }
    throw err;
  }
}

function fieldNode(schema: SchemaNode, key: string): SchemaNode {
  return schema.field(key) ?? ANY;
}

function handleDirectiveInMergeMap(directive: unknown, patch: JsonObject, options: MergeOptions): JsonObject {
  if (directive === 'replace') {
    delete patch[PATCH];
    return options.mergeParallelList ? (stripDirectives(patch) as JsonObject) : patch;
  }
  if (directive === 'delete') return {};
  throw new StrategicMergePatchError(
    `unknown patch type: ${goValueString(directive)} in map: ${goValueString(patch)}`,
  );
}

/** Merges `patch` into `original` (both owned by the caller and changed in place). */
export function mergeMap(
  original: JsonObject | null,
  patch: JsonObject,
  schema: SchemaNode,
  options: MergeOptions,
): JsonObject {
  if (Object.hasOwn(patch, PATCH)) return handleDirectiveInMergeMap(patch[PATCH], patch, options);
  const orig = original ?? {};
  applyRetainKeysDirective(orig, patch, options);
  mergePatchIntoOriginal(orig, patch, schema, options);

  for (const k of Object.keys(patch)) {
    if (!Object.hasOwn(patch, k)) continue;
    const patchV = patch[k] ?? null;
    let key = k;
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!options.mergeParallelList) {
        orig[k] = patchV;
        continue;
      }
      key = extractKey(k, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }

    if (patchV === null) {
      delete orig[key];
      if (options.ignoreUnmatchedNulls) continue;
    }

    if (!Object.hasOwn(orig, key) || jsonKind(orig[key]) !== jsonKind(patchV)) {
      if (!isDeleteList) setWithoutDirectives(orig, key, patchV, options);
      continue;
    }

    const sub = fieldNode(schema, key);
    const { strategy } = splitStrategy(sub.patchStrategy);
    const current = orig[key];
    if (isObject(current) && isObject(patchV)) {
      orig[key] =
        strategy === 'replace' ? finishReplaced(patchV, options) : mergeMap(current, patchV, sub, options);
    } else if (Array.isArray(current) && Array.isArray(patchV)) {
      orig[key] = mergeSliceHandler(current, patchV, sub, strategy, isDeleteList, options);
    } else {
      setWithoutDirectives(orig, key, patchV, options);
    }
  }
  return orig;
}

function finishReplaced(value: JsonObject, options: MergeOptions): JsonObject {
  return options.mergeParallelList ? (stripDirectives(value) as JsonObject) : value;
}

function setWithoutDirectives(target: JsonObject, key: string, value: unknown, options: MergeOptions): void {
  if (options.ignoreUnmatchedNulls) discardNulls(value);
  const { value: v, keep } = removeDirectives(value, options.mergeParallelList);
  if (keep) target[key] = v;
  else delete target[key];
}

function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw new StrategicMergePatchError(
      prefix === DELETE_FROM_PRIMITIVE_LIST
        ? 'invalid patch format of primitive list'
        : 'invalid patch format of setElementOrder list',
    );
  }
  return key.slice(slash + 1);
}

function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, options: MergeOptions): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!options.mergeParallelList) {
    // Merging two patches: keep one directive, which both must agree on.
    if (Object.hasOwn(original, RETAIN_KEYS)) {
      if (goValueString(original[RETAIN_KEYS]) !== goValueString(retain)) {
        throw new StrategicMergePatchError(
          `${goValueString(original[RETAIN_KEYS])} and ${goValueString(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
      }
    } else {
      original[RETAIN_KEYS] = retain ?? null;
    }
    return;
  }
  if (!Array.isArray(retain)) throw new StrategicMergePatchError('invalid patch format of retainKeys');
  const keep = new Set<unknown>(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw new StrategicMergePatchError('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** Processes `$setElementOrder/<field>` with its list, ordering the merged result. */
function mergePatchIntoOriginal(
  original: JsonObject,
  patch: JsonObject,
  schema: SchemaNode,
  options: MergeOptions,
): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!options.mergeParallelList) {
      if (Object.hasOwn(original, key)) {
        if (goValueString(original[key]) !== goValueString(order)) {
          throw new StrategicMergePatchError('invalid patch format of setElementOrder list');
        }
      } else {
        original[key] = order ?? null;
      }
    }
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType('[]interface {}', order);
    const listKey = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = Object.hasOwn(original, listKey);
    const foundPatch = Object.hasOwn(patch, listKey);
    const originalList = original[listKey];
    const patchList = patch[listKey];
    if (foundOriginal && !Array.isArray(originalList)) throw badArgType('[]interface {}', originalList);
    if (foundPatch && !Array.isArray(patchList)) throw badArgType('[]interface {}', patchList);
    const origItems = (foundOriginal ? originalList : []) as ListItems;
    const patchItems = (foundPatch ? patchList : []) as ListItems;
    const sub = fieldNode(schema, listKey);
    const { strategy } = splitStrategy(sub.patchStrategy);
    const mergeKey = sub.patchMergeKey ?? '';
    validatePatchWithSetOrderList(patchItems, order, mergeKey);

    let merged: ListItems;
    if (foundOriginal && !foundPatch) merged = origItems;
    else if (!foundOriginal && foundPatch) {
      merged = removeDirectives(patchItems, options.mergeParallelList).value as ListItems;
    } else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(origItems, patchItems, sub, strategy, false, options);
    } else continue;

    const { inPatch, serverOnly } =
      mergeKey === '' ? partitionPrimitives(merged, order) : partitionMaps(merged, order, mergeKey);
    const kind = sliceElementKind(origItems, patchItems);
    original[listKey] = normalizeElementOrder(inPatch, serverOnly, order, origItems, mergeKey, kind);
    delete patch[listKey];
  }
}

/** The patch list must follow the `$setElementOrder` order and be a subset of it. */
function validatePatchWithSetOrderList(patchList: ListItems, order: ListItems, mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? extractToDeleteItems(patchList).keep : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isObject(item) && Object.hasOwn(item, PATCH)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw new StrategicMergePatchError(
      `The order in patch list:\n${goValueString(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goValueString(order)}\n`,
    );
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isObject(left)) throw badArgType('map[string]interface {}', left);
  if (!isObject(right)) throw badArgType('map[string]interface {}', right);
  if (!Object.hasOwn(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function mergeSliceHandler(
  original: ListItems,
  patch: ListItems,
  schema: SchemaNode,
  strategy: string,
  isDeleteList: boolean,
  options: MergeOptions,
): ListItems {
  if (strategy === 'merge' || isDeleteList) {
    return mergeSlice(
      original,
      patch,
      schema.elements(),
      schema.patchMergeKey ?? '',
      options,
      isDeleteList,
      schema,
    );
  }
  return options.mergeParallelList ? (removeDirectives(patch, true).value as ListItems) : patch;
}

function mergeSlice(
  original: ListItems,
  patch: ListItems,
  element: SchemaNode,
  mergeKey: string,
  options: MergeOptions,
  isDeleteList: boolean,
  listSchema: SchemaNode,
): ListItems {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: ListItems;
  let orig = original;
  let pat = patch;
  if (kind !== 'map') {
    if (options.mergeParallelList && isDeleteList) {
      const remove = new Set(patch);
      return original.filter((v) => !remove.has(v));
    }
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') {
      throw new StrategicMergePatchError(`cannot merge lists without merge key for ${listSchema.typeName}`);
    }
    ({ original: orig, patch: pat } = mergeSliceWithSpecialElements(original, patch, mergeKey));
    merged = mergeSliceWithoutSpecialElements(orig, pat, mergeKey, element, options);
  }
  const { inPatch, serverOnly } =
    mergeKey === '' ? partitionPrimitives(merged, pat) : partitionMaps(merged, pat, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, pat, orig, mergeKey, kind);
}

/** Handles `$patch: delete` and `$patch: replace` elements before merging. */
function mergeSliceWithSpecialElements(
  original: ListItems,
  patch: ListItems,
  mergeKey: string,
): { original: ListItems; patch: ListItems } {
  const plain: ListItems = [];
  let replace = false;
  let orig = original;
  for (const v of patch) {
    const m = v as JsonObject;
    if (!Object.hasOwn(m, PATCH)) {
      plain.push(v);
      continue;
    }
    const directive = m[PATCH];
    if (directive === 'delete') {
      if (!Object.hasOwn(m, mergeKey)) throw noMergeKey(m, mergeKey);
      const value = m[mergeKey];
      orig = orig.filter(
        (item) => !(isObject(item) && Object.hasOwn(item, mergeKey) && item[mergeKey] === value),
      );
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new StrategicMergePatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw new StrategicMergePatchError(
        `unknown patch type: ${goValueString(directive)} in map: ${goValueString(m)}`,
      );
    }
  }
  return replace ? { original: plain, patch: [] } : { original: orig, patch: plain };
}

function mergeSliceWithoutSpecialElements(
  original: ListItems,
  patch: ListItems,
  mergeKey: string,
  element: SchemaNode,
  options: MergeOptions,
): ListItems {
  const out = [...original];
  for (const v of patch) {
    const m = v as JsonObject;
    if (!Object.hasOwn(m, mergeKey)) throw noMergeKey(m, mergeKey);
    const at = findByKey(out, mergeKey, m[mergeKey]);
    if (at >= 0) {
      out[at] = mergeMap(out[at] as JsonObject, m, element, options);
    } else if (options.mergeParallelList) {
      // A new element: what it carries is stored as is, minus directives and unmatched nulls.
      discardNulls(m);
      out.push(removeDirectives(m, true).value);
    } else {
      out.push(v);
    }
  }
  return out;
}

function discardNulls(v: unknown): void {
  if (Array.isArray(v)) {
    for (const x of v) discardNulls(x);
  } else if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  }
}

/**
 * Drops maps that are directives (`$patch`) and, when `all` is set (the server's view), every
 * other directive key too, so that none can reach a stored object.
 */
function removeDirectives(value: unknown, all: boolean): { value: unknown; keep: boolean } {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const r = removeDirectives(v, all);
      if (r.keep) out.push(r.value);
    }
    return { value: out, keep: true };
  }
  if (isObject(value)) {
    if (Object.hasOwn(value, PATCH)) return { value: null, keep: false };
    for (const k of Object.keys(value)) {
      if (all && isDirectiveKey(k)) {
        delete value[k];
        continue;
      }
      const r = removeDirectives(value[k], all);
      if (r.keep) value[k] = r.value;
      else delete value[k];
    }
    return { value, keep: true };
  }
  return { value, keep: true };
}

/** Removes every directive key (the `$patch` key included) from a replaced subtree. */
function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (isObject(value)) {
    for (const k of Object.keys(value)) {
      if (isDirectiveKey(k)) delete value[k];
      else value[k] = stripDirectives(value[k]);
    }
  }
  return value;
}
