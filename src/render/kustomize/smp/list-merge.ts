/**
 * kyaml's associative list merge (walk/associative_sequence.go): elements matched by their merge
 * keys (from the schema, or `name` when a merge list has no keys), merged patch-first, with
 * ElementSetter's quirks kept (empty elements dropped, duplicate keys collapsed) because they show
 * in kustomize's output.
 */
import { KustomizeError } from '../errors.ts';
import { isMap } from '../fieldspec.ts';
import { scalarText } from '../resource.ts';
import { typedScalar } from '../set-scalar.ts';
import { Timestamp } from '../../yaml/index.ts';
import type { SchemaNode } from './schema.ts';
import { CLEAR, KEEP_NULL, isNull, type Walk, type Walked } from './walk-result.ts';

const DIRECTIVE = '$patch';

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

function valueText(v: unknown): string {
  if (v instanceof Timestamp) return v.text;
  if (typeof v === 'object' && v !== null) return '';
  return scalarText(v);
}

function isMissingOrNull(v: unknown): boolean {
  return v === null || v === undefined;
}

/** yaml.FieldMatcher{Name, StringValue}: "" matches any present value. */
function fieldMatcher(el: unknown, name: string, value: string): boolean {
  if (isMissingOrNull(el)) return false;
  if (name === '') return !isMap(el) && !Array.isArray(el) && valueText(el) === value;
  if (!isMap(el)) throw new KustomizeError('wrong node kind: expected MappingNode');
  if (!Object.hasOwn(el, name)) return false;
  return value === '' || valueText(el[name]) === value;
}

/** yaml.MatchElementList: the first element whose fields equal the values exactly. */
function elementList(list: unknown[] | undefined, keys: string[], values: string[]): unknown {
  if (!list) return undefined;
  if (keys.length === 0 || keys[0] === '') {
    const v = values[0] ?? '';
    return list.find((el) => !isMap(el) && !Array.isArray(el) && !isMissingOrNull(el) && valueText(el) === v);
  }
  return list.find(
    (el) => isMap(el) && keys.every((k, i) => Object.hasOwn(el, k) && valueText(el[k]) === (values[i] ?? '')),
  );
}

/** yaml.ElementSetter: replace (element), delete (no element) or append, returning the new list. */
function elementSet(list: unknown[], element: unknown, keysIn: string[], values: string[]): unknown[] {
  const keys = keysIn.length === 0 ? [''] : keysIn;
  const mappingSetter = keys[0] !== '' && values.length > 0 && values[0] !== '';
  const out: unknown[] = [];
  let found = false;
  for (const el of list) {
    if (isEmptyElement(el)) continue;
    if (!isMap(el) && mappingSetter) {
      out.push(el);
      continue;
    }
    let ok = true;
    let matched = false;
    for (let j = 0; j < keys.length; j++) {
      if (j < values.length) matched = fieldMatcher(el, keys[j]!, values[j]!);
      if (!matched) {
        ok = false;
        break;
      }
    }
    if (!ok) {
      if (values.length > 0) out.push(el);
      continue;
    }
    found = true;
    if (element === undefined) continue;
    out.push(element);
  }
  if (element !== undefined && element !== null && !found) out.push(element);
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

/** walk.appendListNode: every element of `src` set into `dst` by its key values. */
function appendListNode(dstIn: unknown[], src: unknown[], keys: string[]): unknown[] {
  let dst = dstIn;
  for (const el of src) {
    if (keys[0] === '') {
      dst = elementSet(dst, el, [''], [valueText(el)]);
      continue;
    }
    const v: string[] = [];
    for (const key of keys) {
      if (!isMap(el) || !Object.hasOwn(el, key) || isMissingOrNull(el[key])) {
        dst = [...dst, el];
        continue;
      }
      v.push(valueText(el[key]));
    }
    if (keys.length > 1) dst = elementSet(dst, undefined, keys, v);
    dst = elementSet(dst, el, keys, v);
  }
  return dst;
}

export function walkAssociative(
  dest: unknown[] | null,
  patch: unknown,
  schema: SchemaNode,
  walk: Walk,
): Walked {
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
  const ps = schema.patchStrategy();
  let keys = [...ps.keys];
  if (ps.strategy === '' && keys.length === 0) keys = inferKey([d, p]);
  const elemSchema = schema.elements();
  let valuesList: string[][];
  if (keys.length > 0) {
    valuesList = collectValues([p, d], (src) =>
      src.map((el) =>
        keys.map((k) => (isMap(el) && Object.hasOwn(el, k) && !isNull(el[k]) ? valueText(el[k]) : '')),
      ),
    );
  } else valuesList = [];
  if (valuesList.length === 0 && keys.length === 0) {
    keys = [''];
    valuesList = collectValues([p, d], (src) =>
      src.map((el) => [isMap(el) || Array.isArray(el) ? '' : valueText(el)]),
    );
  }
  let items: unknown[] = [];
  if (keys.length > 1) valuesList = mergeValues(valuesList);
  let validKeys: string[] = keys;
  for (const values of valuesList) {
    if (values.length === 0) continue;
    let validValues: string[];
    [validKeys, validValues] = validateKeys(valuesList, values, keys);
    const [lk, lv] = validateKeys([validValues], validValues, validKeys);
    let val = walk(elementList(d, lk, lv), elementList(p, lk, lv), elemSchema);
    if (val === KEEP_NULL) val = null;
    if (val === CLEAR || isNull(val) || (isMap(val) && Object.keys(val).length === 0)) {
      d = elementSet(d, undefined, validKeys, validValues);
      continue;
    }
    if (isMap(val)) {
      validKeys.forEach((k, i) => {
        if (!Object.hasOwn(val, k) && validValues[i] !== '')
          (val as Record<string, unknown>)[k] = typedScalar(validValues[i]!);
      });
    }
    items = elementSet(items, val, validKeys, validValues);
  }
  if (valuesList.length > 0) return appendListNode(items, d, validKeys);
  return d;
}

/** Key values of each element, patch first (prepend direction), without repeats. */
function collectValues(
  sources: (unknown[] | undefined)[],
  values: (src: unknown[]) => string[][],
): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const src of sources) {
    if (!src) continue;
    for (const v of values(src)) {
      if (v.length === 0) continue;
      const k = JSON.stringify(v);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(v);
    }
  }
  return out;
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
