import { compareGoStrings, isObject } from '../json.ts';
import { goJson, goJsonString } from './go-json.ts';

/**
 * One step of a field path, kept in its FieldsV1 serialisation so equality is string equality:
 * `f:<field>`, `k:<json object of key fields, sorted by name>`, `v:<json value>` (set member),
 * `i:<index>`. Ordering follows structured-merge-diff's `PathElement.Compare`: fields, then keys,
 * then values, then indices; within a kind by name, by key fields, by value, by number.
 */
export type PathElement = string;

export function fieldElement(name: string): PathElement {
  return `f:${name}`;
}

/** A key element from key field names and values; names are sorted as the server sorts them. */
export function keyElement(fields: readonly (readonly [string, unknown])[]): PathElement {
  const sorted = [...fields].sort((a, b) => compareGoStrings(a[0], b[0]));
  return `k:{${sorted.map(([name, value]) => `${goJsonString(name)}:${goJson(value)}`).join(',')}}`;
}

export function valueElement(value: unknown): PathElement {
  return `v:${goJson(value)}`;
}

export function indexElement(index: number): PathElement {
  return `i:${index}`;
}

type Parsed =
  | { kind: 0; name: string }
  | { kind: 1; fields: [string, unknown][] }
  | { kind: 2; value: unknown }
  | { kind: 3; index: number };

const parsedCache = new Map<string, Parsed>();

function parse(pe: PathElement): Parsed {
  let p = parsedCache.get(pe);
  if (p) return p;
  const body = pe.slice(2);
  switch (pe.charAt(0)) {
    case 'f':
      p = { kind: 0, name: body };
      break;
    case 'k': {
      const obj = JSON.parse(body) as Record<string, unknown>;
      p = { kind: 1, fields: Object.entries(obj).sort((a, b) => compareGoStrings(a[0], b[0])) };
      break;
    }
    case 'v':
      p = { kind: 2, value: JSON.parse(body) as unknown };
      break;
    default:
      p = { kind: 3, index: Number(body) };
  }
  if (parsedCache.size > 50_000) parsedCache.clear();
  parsedCache.set(pe, p);
  return p;
}

/**
 * Reads a FieldsV1 key into its canonical element (keys re-sorted, values re-encoded), or
 * undefined for an unknown prefix, which the server skips.
 */
export function canonicalElement(key: string): PathElement | undefined {
  if (key.length < 2 || key.charAt(1) !== ':') throw new Error(`missing colon: ${key}`);
  switch (key.charAt(0)) {
    case 'f':
      return key;
    case 'k': {
      const obj: unknown = JSON.parse(key.slice(2));
      if (!isObject(obj)) throw new Error(`key element is not an object: ${key}`);
      return keyElement(Object.entries(obj));
    }
    case 'v':
      return valueElement(JSON.parse(key.slice(2)));
    case 'i': {
      const n = Number(key.slice(2));
      if (!Number.isInteger(n)) throw new Error(`invalid index: ${key}`);
      return indexElement(n);
    }
    default:
      return undefined;
  }
}

/** structured-merge-diff's total order over values: numbers, strings, booleans, lists, maps, null. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 1:
      return compareGoStrings(a as string, b as string);
    case 2:
      return a === b ? 0 : a ? 1 : -1;
    case 3: {
      const la = a as unknown[];
      const lb = b as unknown[];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        const c = compareValues(la[i], lb[i]);
        if (c !== 0) return c;
      }
      return la.length - lb.length < 0 ? -1 : la.length > lb.length ? 1 : 0;
    }
    case 4: {
      const ka = Object.keys(a as object).sort(compareGoStrings);
      const kb = Object.keys(b as object).sort(compareGoStrings);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const c = compareGoStrings(ka[i]!, kb[i]!);
        if (c !== 0) return c;
        const v = compareValues(
          (a as Record<string, unknown>)[ka[i]!],
          (b as Record<string, unknown>)[kb[i]!],
        );
        if (v !== 0) return v;
      }
      return ka.length < kb.length ? -1 : ka.length > kb.length ? 1 : 0;
    }
    default:
      return 0;
  }
}

function rank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (isObject(v)) return 4;
  return 5;
}

export function comparePathElements(a: PathElement, b: PathElement): number {
  if (a === b) return 0;
  // Field names are most elements; compare them without parsing.
  if (a.charCodeAt(0) === 102 && b.charCodeAt(0) === 102) return compareGoStrings(a.slice(2), b.slice(2));
  const pa = parse(a);
  const pb = parse(b);
  if (pa.kind !== pb.kind) return pa.kind < pb.kind ? -1 : 1;
  switch (pa.kind) {
    case 0:
      return compareGoStrings(pa.name, (pb as { name: string }).name);
    case 1: {
      const fb = (pb as { fields: [string, unknown][] }).fields;
      const fa = pa.fields;
      for (let i = 0; i < Math.min(fa.length, fb.length); i++) {
        const c = compareGoStrings(fa[i]![0], fb[i]![0]);
        if (c !== 0) return c;
        const v = compareValues(fa[i]![1], fb[i]![1]);
        if (v !== 0) return v;
      }
      return fa.length < fb.length ? -1 : fa.length > fb.length ? 1 : 0;
    }
    case 2:
      return compareValues(pa.value, (pb as { value: unknown }).value);
    default: {
      const ib = (pb as { index: number }).index;
      return pa.index < ib ? -1 : pa.index > ib ? 1 : 0;
    }
  }
}

/** The element as structured-merge-diff prints it in paths: `.name`, `[k="v",…]`, `[="v"]`, `[0]`. */
export function elementString(pe: PathElement): string {
  const p = parse(pe);
  switch (p.kind) {
    case 0:
      return `.${p.name}`;
    case 1:
      return `[${p.fields.map(([k, v]) => `${k}=${valueString(v)}`).join(',')}]`;
    case 2:
      return `[=${valueString(p.value)}]`;
    default:
      return `[${p.index}]`;
  }
}

/** A path as printed in conflict messages: `.spec.template.spec.containers[name="web"].image`. */
export function pathString(path: readonly PathElement[]): string {
  return path.map(elementString).join('');
}

/** structured-merge-diff's `value.ToString`: strings Go-quoted, numbers and booleans bare. */
function valueString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(valueString).join(',')}]`;
  if (isObject(v)) {
    return Object.keys(v)
      .map((k) => `${k}=${valueString(v[k])}`)
      .join('');
  }
  return '';
}

/** Go's `%q`: a double-quoted string with Go escapes for control and non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
