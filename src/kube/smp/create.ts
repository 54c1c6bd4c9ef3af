import { cloneJson, isObject, jsonEqual, sortKeysDeep, type JsonObject } from '../json.ts';
import type { SchemaNode } from '../schema/types.ts';
import { ANY } from '../schema/untyped.ts';
import { mergeMap } from './apply.ts';
import { PATCH, RETAIN_KEYS, splitStrategy } from './directives.ts';
import { diffMaps, TWO_WAY_DIFF } from './diff.ts';
import { StrategicMergePatchConflictError, StrategicMergePatchError } from './errors.ts';
import { goValueString, sortByGoString } from './go-format.ts';
import { deduplicateScalars, sliceElementKind } from './order.ts';

export interface CreatePatchOptions {
  /**
   * Three-way only: when false, fail with `StrategicMergePatchConflictError` if the patch changes
   * something that also changed between `original` and `current` (`kubectl apply --overwrite=false`).
   * kubectl's default is true.
   */
  readonly overwrite?: boolean;
  /**
   * Fail with code `SMP_PRECONDITION` when the patch would change `apiVersion`, `kind` or
   * `metadata.name`, the preconditions kubectl apply sets.
   */
  readonly requireIdentityUnchanged?: boolean;
}

export const defaultCreatePatchOptions: Required<CreatePatchOptions> = {
  overwrite: true,
  requireIdentityUnchanged: false,
};

/**
 * The strategic merge patch from `original` to `modified` (apimachinery
 * `CreateTwoWayMergePatch`), or, given `current`, kubectl apply's three-way patch
 * (`CreateThreeWayMergePatch` with original = last-applied configuration, modified = the new
 * configuration, current = the live object): changes from `current` to `modified` plus deletions
 * of what `original` had and `modified` dropped. Keys are sorted as kubectl serialises them.
 */
export function createStrategicMergePatch(
  original: JsonObject | undefined,
  modified: JsonObject,
  current: JsonObject | undefined,
  schema: SchemaNode,
  options: CreatePatchOptions = {},
): JsonObject {
  return current === undefined
    ? createTwoWayMergePatch(original ?? {}, modified, schema, options)
    : createThreeWayMergePatch(original, modified, current, schema, options);
}

export function createTwoWayMergePatch(
  original: JsonObject,
  modified: JsonObject,
  schema: SchemaNode,
  options: CreatePatchOptions = {},
): JsonObject {
  const patch = wrap(modified, () =>
    diffMaps(cloneJson(original), cloneJson(modified), schema, TWO_WAY_DIFF),
  );
  checkPreconditions(patch, modified, options);
  return sortKeysDeep(patch);
}

export function createThreeWayMergePatch(
  original: JsonObject | undefined,
  modified: JsonObject,
  current: JsonObject,
  schema: SchemaNode,
  options: CreatePatchOptions = {},
): JsonObject {
  const { overwrite } = { ...defaultCreatePatchOptions, ...options };
  const orig = original ?? {};
  return wrap(modified, () => {
    const delta = diffMaps(cloneJson(current), cloneJson(modified), schema, {
      ...TWO_WAY_DIFF,
      ignoreDeletions: true,
    });
    const deletions = diffMaps(cloneJson(orig), cloneJson(modified), schema, {
      ...TWO_WAY_DIFF,
      ignoreChangesAndAdditions: true,
    });
    const patch = mergeMap(deletions, delta, schema, {
      mergeParallelList: false,
      ignoreUnmatchedNulls: false,
    });
    checkPreconditions(patch, modified, options);
    if (!overwrite) {
      const changed = diffMaps(cloneJson(orig), cloneJson(current), schema, {
        setElementOrder: false,
        ignoreChangesAndAdditions: false,
        ignoreDeletions: false,
        buildRetainKeysDirective: false,
      });
      if (valuesConflict(patch, changed, schema, '', '')) {
        throw new StrategicMergePatchConflictError(
          `patch:\n${JSON.stringify(sortKeysDeep(patch))}\nconflicts with changes made from original to current:\n${JSON.stringify(sortKeysDeep(changed))}\n`,
          { object: modified },
        );
      }
    }
    return sortKeysDeep(patch);
  });
}

function wrap<T>(object: unknown, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StrategicMergePatchError && !(err instanceof StrategicMergePatchConflictError)) {
      throw new StrategicMergePatchError(err.detail, { object, code: err.code });
    }
    throw err;
  }
}

function checkPreconditions(patch: JsonObject, modified: JsonObject, options: CreatePatchOptions): void {
  if (!options.requireIdentityUnchanged) return;
  const meta = patch.metadata;
  if (
    Object.hasOwn(patch, 'apiVersion') ||
    Object.hasOwn(patch, 'kind') ||
    (isObject(meta) && Object.hasOwn(meta, 'name'))
  ) {
    throw new StrategicMergePatchError(`precondition failed for: ${goValueString(patch)}`, {
      object: modified,
      code: 'SMP_PRECONDITION',
    });
  }
}

/**
 * apimachinery `MergingMapsHaveConflicts`: true when the two patches touch the same key in
 * different ways (one deletes or replaces what the other edits, or they set different values).
 */
function valuesConflict(
  left: unknown,
  right: unknown,
  schema: SchemaNode,
  strategy: string,
  mergeKey: string,
): boolean {
  if (isObject(left)) {
    if (!isObject(right)) return true;
    const lm = Object.hasOwn(left, PATCH);
    const rm = Object.hasOwn(right, PATCH);
    if (lm || rm) {
      if (lm !== rm) return true;
      if (left[PATCH] !== right[PATCH]) return true;
    }
    if (strategy === 'replace') return false;
    for (const [key, lv] of Object.entries(left)) {
      if (key === PATCH || key === RETAIN_KEYS || !Object.hasOwn(right, key)) continue;
      let sub: SchemaNode = schema;
      let subStrategy = '';
      let subKey = '';
      if (Array.isArray(lv) || isObject(lv)) {
        const node = schema.field(key) ?? ANY;
        sub = Array.isArray(lv) ? node.elements() : node;
        subStrategy = splitStrategy(node.patchStrategy).strategy;
        subKey = node.patchMergeKey ?? '';
      }
      if (valuesConflict(lv, right[key], sub, subStrategy, subKey)) return true;
    }
    return false;
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    const kind = left.length + right.length === 0 ? 'null' : sliceElementKind(left, right);
    if (strategy === 'merge') {
      if (kind !== 'map') return false;
      const byKey = (list: unknown[]): Map<string, unknown> =>
        new Map(list.map((v) => [goValueString((v as JsonObject)[mergeKey]), v]));
      const l = byKey(left);
      const r = byKey(right);
      for (const [k, lv] of l) if (r.has(k) && valuesConflict(lv, r.get(k), schema, '', '')) return true;
      return false;
    }
    if (left.length !== right.length) return true;
    const ls = kind === 'map' ? left : sortByGoString(deduplicateScalars(left));
    const rs = kind === 'map' ? right : sortByGoString(deduplicateScalars(right));
    for (let i = 0; i < ls.length; i++) if (valuesConflict(ls[i], rs[i], schema, '', '')) return true;
    return false;
  }
  return !jsonEqual(left, right);
}
