/**
 * Kustomize's strategic merge patch: kyaml's merge2 walk (kyaml/yaml/merge2 + walk), which differs
 * from apimachinery's: it works without a schema (lists are then replaced), elements of merged
 * lists are ordered patch-first (ListIncreaseDirection prepend), `null` in the patch deletes,
 * `$patch: delete|replace|merge` directives apply to maps and lists, and an element that merges
 * to an empty map is dropped.
 */
import { isMap } from '../fieldspec.ts';
import { KustomizeError } from '../errors.ts';
import { scalarText } from '../resource.ts';
import { typedScalar } from '../set-scalar.ts';
import type { MergeSchema, SchemaNode } from './schema.ts';
import { Timestamp } from '../../yaml/index.ts';

/** Returned by the walk for "remove this field". */
const CLEAR = Symbol('clear');
type Walked = unknown;

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

function directiveOfList(patch: unknown[]): 'delete' | 'replace' | 'merge' {
  const i = patch.findIndex((el) => isMap(el) && Object.hasOwn(el, DIRECTIVE));
  if (i < 0) return 'merge';
  const el = patch[i] as Record<string, unknown>;
  if (Object.keys(el).length > 1) return 'merge';
  const v = scalarText(el[DIRECTIVE]);
  if (v === 'delete' || v === 'replace' || v === 'merge') {
    // ElementSetter elision: drops the directive element (and, as kyaml does, empty elements).
    const kept = patch.filter((x, j) => j !== i && !isEmptyElement(x));
    patch.length = 0;
    patch.push(...kept);
    return v;
  }
  throw new KustomizeError(`unknown patch strategy '${v}'`);
}

function isEmptyElement(x: unknown): boolean {
  return x === null || x === undefined || (isMap(x) && Object.keys(x).length === 0);
}

const isNull = (v: unknown): boolean => v === null || v === undefined;

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
export function strategicMerge(patch: Record<string, unknown>, dest: Record<string, unknown>, schema: MergeSchema): Record<string, unknown> | undefined {
  const apiVersion = scalarText(dest['apiVersion'] ?? patch['apiVersion']);
  const kind = scalarText(dest['kind'] ?? patch['kind']);
  const s = schema.forType(apiVersion, kind) ?? schema.forType(scalarText(patch['apiVersion']), scalarText(patch['kind']));
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
        throw new KustomizeError(`wrong node kind: expected ${nodeKindName(want)} but got ${nodeKindName(k)}`);
      }
    }
  };
  switch (kind) {
    case 'map':
      check('map');
      return walkMap(dest, patch, schema);
    case 'seq':
      check('seq');
      return hasMergeStrategy(schema) ? walkAssociative(dest as unknown[] | null, patch, schema!) : patch !== undefined ? patch : dest;
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
const KEEP_NULL = Symbol('keep-null');

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

function elementValues(list: unknown[], keys: string[]): string[][] {
  return list.map((el) => keys.map((k) => (isMap(el) && Object.hasOwn(el, k) && !isNull(el[k]) ? valueText(el[k]) : '')));
}

function valueText(v: unknown): string {
  if (v instanceof Timestamp) return v.text;
  if (typeof v === 'object' && v !== null) return '';
  return scalarText(v);
}

function matches(el: unknown, keys: string[], values: string[]): boolean {
  for (let j = 0; j < keys.length; j++) {
    const k = keys[j]!;
    if (j >= values.length) break;
    if (k === '') {
      if (isMap(el) || Array.isArray(el) || valueText(el) !== values[j]) return false;
    } else {
      if (!isMap(el) || !Object.hasOwn(el, k) || valueText(el[k]) !== values[j]) return false;
    }
  }
  return true;
}

/** yaml.ElementSetter on a plain list: replace/delete the matching element or append. */
function elementSet(list: unknown[], element: unknown, keys: string[], values: string[]): unknown[] {
  const mappingSetter = keys.some((k) => k !== '');
  const out: unknown[] = [];
  let found = false;
  for (const el of list) {
    if (isEmptyElement(el)) continue;
    if (!isMap(el) && mappingSetter) {
      out.push(el);
      continue;
    }
    if (!matches(el, keys, values)) {
      if (values.length > 0) out.push(el);
      continue;
    }
    found = true;
    if (element === undefined) continue;
    out.push(element);
  }
  if (element !== undefined && !found) out.push(element);
  return out;
}

function validateKeys(valuesList: string[][], values: string[], keys: string[]): [string[], string[]] {
  const valid = new Set<string>();
  for (const vs of valuesList) vs.forEach((v, i) => v !== '' && valid.add(keys[i]!));
  if (valid.size === 0) return [keys, values];
  const vk = keys.filter((k) => valid.has(k));
  const vv = values.filter((v, i) => v !== '' || valid.has(keys[i]!));
  return [vk, vv];
}

function mergeValues(valuesList: string[][]): string[][] {
  for (let i = 0; i < valuesList.length; i++) {
    for (let j = 0; j < valuesList.length; j++) {
      const a = valuesList[i]!;
      const b = valuesList[j]!;
      if (a.length !== b.length) continue;
      let common = false;
      let ok = true;
      const res: string[] = [];
      for (let k = 0; k < a.length; k++) {
        if (a[k] === b[k]) {
          common = true;
          res.push(a[k]!);
        } else if (a[k] !== '' && b[k] !== '') {
          ok = false;
          break;
        } else res.push(a[k] !== '' ? a[k]! : b[k]!);
      }
      if (ok && common) {
        valuesList[i] = res;
        valuesList[j] = res;
      }
    }
  }
  return valuesList;
}

function walkAssociative(dest: unknown[] | null, patch: unknown, schema: SchemaNode): Walked {
  // VisitList
  if (isNull(dest)) return patch;
  if (patch === null) return CLEAR;
  let d = dest as unknown[];
  if (Array.isArray(patch)) {
    const dir = directiveOfList(patch);
    if (dir === 'delete') return CLEAR;
    if (dir === 'replace') return patch;
  }
  const p = Array.isArray(patch) ? patch : undefined;
  let { keys } = schema.patchStrategy();
  const { strategy } = schema.patchStrategy();
  if (strategy === '' && keys.length === 0) {
    keys = inferKey([d, p]);
  }
  const elemSchema = schema.elements();
  // Values: patch first, then dest (prepend direction), de-duplicated.
  const seen = new Set<string>();
  let valuesList: string[][] = [];
  let primitive = false;
  const collect = (vs: string[][]): void => {
    for (const v of vs) {
      if (v.length === 0) continue;
      const key = JSON.stringify(v);
      if (seen.has(key)) continue;
      seen.add(key);
      valuesList.push(v);
    }
  };
  if (keys.length > 0) {
    if (p) collect(elementValues(p, keys));
    collect(elementValues(d, keys));
  }
  if (valuesList.length === 0 && keys.length === 0) {
    primitive = true;
    keys = [''];
    for (const src of [p, d]) {
      if (!src) continue;
      for (const item of src) {
        const v = isMap(item) || Array.isArray(item) ? '' : valueText(item);
        const key = JSON.stringify([v]);
        if (seen.has(key)) continue;
        seen.add(key);
        valuesList.push([v]);
      }
    }
  }
  let items: unknown[] = [];
  if (keys.length > 1) valuesList = mergeValues(valuesList);
  let validKeys = keys;
  for (const values of valuesList) {
    if (values.length === 0) continue;
    let validValues: string[];
    [validKeys, validValues] = validateKeys(valuesList, values, keys);
    const [vk, vv] = validateKeys([validValues], validValues, validKeys);
    const de = d.find((el) => matches(el, vk, vv));
    const pe = p?.find((el) => matches(el, vk, vv));
    let val = walk(de, pe, elemSchema);
    if (val === KEEP_NULL) val = null;
    if (val === CLEAR || isNull(val) || (isMap(val) && Object.keys(val).length === 0)) {
      d = elementSet(d, undefined, validKeys, validValues);
      continue;
    }
    if (!primitive && isMap(val)) {
      validKeys.forEach((k, i) => {
        if (!Object.hasOwn(val as object, k) && validValues[i] !== '') (val as Record<string, unknown>)[k] = typedScalar(validValues[i]!);
      });
    }
    items = elementSet(items, val, validKeys, validValues);
  }
  if (valuesList.length > 0) {
    // appendListNode(itemsToBeAdded, dest, validKeys)
    for (const el of d) {
      if (validKeys[0] === '') {
        items = elementSet(items, el, [''], [valueText(el)]);
        continue;
      }
      const v: string[] = [];
      let appended = false;
      for (const k of validKeys) {
        if (!isMap(el) || !Object.hasOwn(el, k) || isNull(el[k])) {
          items.push(el);
          appended = true;
          continue;
        }
        v.push(valueText(el[k]));
      }
      if (appended && v.length === 0) continue;
      items = elementSet(items, el, validKeys, v);
    }
    return items;
  }
  return d;
}

function inferKey(sources: (unknown[] | undefined)[]): string[] {
  let key = '';
  for (const s of sources) {
    if (!s || s.length === 0) continue;
    const k = s.every((el) => isMap(el) && Object.hasOwn(el, 'name')) ? 'name' : '';
    if (key !== '' && key !== k) throw new KustomizeError(`conflicting merge keys`);
    key = k;
  }
  if (key === '') return [];
  return [key];
}
