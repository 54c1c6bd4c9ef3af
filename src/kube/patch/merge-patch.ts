import { isObject, cloneJson, jsonEqual, type JsonObject } from '../json.ts';

/**
 * Applies an RFC 7386 JSON merge patch to a copy of `doc`: objects merge recursively, `null`
 * deletes a key, and anything else (arrays included) replaces the target. `doc` is not changed.
 */
export function applyMergePatch<T = unknown>(doc: unknown, patch: unknown): T {
  return merge(cloneJson(doc), patch) as T;
}

function merge(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return cloneJson(patch);
  const out: JsonObject = isObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = merge(out[key], value);
  }
  return out;
}

/**
 * The merge patch that turns `original` into `modified`: changed and added keys, `null` for
 * removed ones, arrays whole. `applyMergePatch(original, createMergePatch(original, modified))`
 * equals `modified` whenever `modified` holds no `null` values (merge patch cannot express them).
 */
export function createMergePatch(original: unknown, modified: unknown): unknown {
  if (!isObject(original) || !isObject(modified)) return cloneJson(modified);
  const patch: JsonObject = {};
  for (const key of Object.keys(original)) {
    if (!Object.hasOwn(modified, key)) patch[key] = null;
  }
  for (const [key, value] of Object.entries(modified)) {
    const before = original[key];
    if (!Object.hasOwn(original, key)) patch[key] = cloneJson(value);
    else if (isObject(before) && isObject(value)) {
      const sub = createMergePatch(before, value) as JsonObject;
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!jsonEqual(before, value)) patch[key] = cloneJson(value);
  }
  return patch;
}
