/**
 * Kustomize's strategic merge patch: kyaml's merge2 walk (kyaml/yaml/merge2 + walk), which differs
 * from apimachinery's: it works without a schema (lists are then replaced), elements of merged
 * lists are ordered patch-first (ListIncreaseDirection prepend), `null` in the patch deletes,
 * `$patch: delete|replace|merge` directives apply to maps and lists, and an element that merges
 * to an empty map is dropped.
 */
import { CLEAR, KEEP_NULL, isNull, type Walked } from './walk-result.ts';
import { walkAssociative } from './list-merge.ts';
import { isMap } from '../fieldspec.ts';
import { KustomizeError } from '../errors.ts';
import { scalarText } from '../resource.ts';
import type { MergeSchema, SchemaNode } from './schema.ts';

/** Returned by the walk for "remove this field". */

const DIRECTIVE = '$patch';

function directiveOfMap(patch: Record<string, unknown>): 'delete' | 'replace' | 'merge' {
  if (!Object.hasOwn(patch, DIRECTIVE)) return 'merge';
  const v = scalarText(patch[DIRECTIVE]);
  if (v === 'delete' || v === 'replace' || v === 'merge') {
    delete patch[DIRECTIVE];
    return v;
  }
  throw new KustomizeError(`unknown patch strategy '${v}'`);
}

function kindOf(v: unknown): 'map' | 'seq' | 'scalar' | undefined {
  if (isNull(v)) return undefined;
  if (Array.isArray(v)) return 'seq';
  if (isMap(v)) return 'map';
  return 'scalar';
}

function hasMergeStrategy(s: SchemaNode | undefined): boolean {
  if (!s) return false;
  return s.patchStrategy().strategy.split(',').includes('merge');
}

/**
 * Merges `patch` into `dest` (both plain values; `dest` is modified). Returns the merged value,
 * or `undefined` when the patch deletes the whole object.
 */
export function strategicMerge(
  patch: Record<string, unknown>,
  dest: Record<string, unknown>,
  schema: MergeSchema,
): Record<string, unknown> | undefined {
  const apiVersion = scalarText(dest['apiVersion'] ?? patch['apiVersion']);
  const kind = scalarText(dest['kind'] ?? patch['kind']);
  const s =
    schema.forType(apiVersion, kind) ??
    schema.forType(scalarText(patch['apiVersion']), scalarText(patch['kind']));
  const r = walk(dest, patch, s);
  if (r === CLEAR || isNull(r)) return undefined;
  return r as Record<string, unknown>;
}

function walk(dest: unknown, patch: unknown, schema: SchemaNode | undefined): Walked {
  const kind = kindOf(dest) ?? kindOf(patch);
  const check = (want: string): void => {
    for (const v of [dest, patch]) {
      const k = kindOf(v);
      if (k !== undefined && k !== want) {
        throw new KustomizeError(
          `wrong node kind: expected ${nodeKindName(want)} but got ${nodeKindName(k)}`,
        );
      }
    }
  };
  switch (kind) {
    case 'map':
      check('map');
      return walkMap(dest, patch, schema);
    case 'seq':
      check('seq');
      return hasMergeStrategy(schema)
        ? walkAssociative(dest as unknown[] | null, patch, schema!, walk)
        : patch !== undefined
          ? patch
          : dest;
    case 'scalar':
      check('scalar');
      return patch !== undefined ? patch : dest;
    default:
      return walkMap(dest, patch, schema);
  }
}

function nodeKindName(k: string): string {
  return k === 'map' ? 'MappingNode' : k === 'seq' ? 'SequenceNode' : 'ScalarNode';
}

/** Persistent nulls: a `null` in the resource survives patches that do not mention it. */

function walkMap(dest: unknown, patch: unknown, schema: SchemaNode | undefined): Walked {
  let target: Record<string, unknown>;
  if (isNull(dest)) {
    if (isMap(patch) && directiveOfMap(patch) === 'delete') return CLEAR;
    if (patch === undefined && dest === null) return KEEP_NULL;
    if (!isMap(patch)) return patch;
    target = patch;
  } else {
    if (patch === null) return CLEAR;
    if (isMap(patch)) {
      const d = directiveOfMap(patch);
      if (d === 'delete') return CLEAR;
      if (d === 'replace') return patch;
    }
    target = dest as Record<string, unknown>;
  }
  const p = isMap(patch) ? patch : undefined;
  const names = new Set(Object.keys(target));
  if (p) for (const k of Object.keys(p)) names.add(k);
  for (const key of [...names].sort()) {
    const dv = target === p ? p[key] : target[key];
    const pv = p ? (Object.hasOwn(p, key) ? p[key] : undefined) : undefined;
    const val = walk(dv === undefined ? undefined : dv, pv, schema?.field(key));
    if (val === KEEP_NULL) {
      target[key] = null;
      continue;
    }
    if (val === CLEAR || val === null || val === undefined) {
      delete target[key];
      continue;
    }
    target[key] = val;
  }
  return target;
}
