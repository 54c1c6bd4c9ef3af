import { isJsonObject, jsonClone, jsonEqual, type JsonObject, type JsonValue } from './json-value.ts';

/**
 * Applies an RFC 7386 JSON merge patch to a copy of `doc`: objects merge recursively, `null`
 * deletes a key, and anything else (arrays included) replaces the target. `doc` is not changed.
 */
export function applyMergePatch<T = unknown>(doc: unknown, patch: unknown): T {
  return merge(jsonClone(doc as JsonValue), patch as JsonValue) as T;
}

function merge(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return jsonClone(patch);
  const out: JsonObject = isJsonObject(target) ? target : {};
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
  if (!isJsonObject(original) || !isJsonObject(modified)) return jsonClone(modified);
  const patch: JsonObject = {};
  for (const key of Object.keys(original)) {
    if (!Object.hasOwn(modified, key)) patch[key] = null;
  }
  for (const [key, value] of Object.entries(modified)) {
    const before = original[key];
    if (!Object.hasOwn(original, key)) patch[key] = jsonClone(value);
    else if (isJsonObject(before) && isJsonObject(value)) {
      const sub = createMergePatch(before, value) as JsonObject;
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!jsonEqual(before, value)) patch[key] = jsonClone(value);
  }
  return patch;
}
