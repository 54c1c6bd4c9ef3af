/**
 * How go-yaml decides what a plain (unquoted) scalar means. Kustomize parses resources with
 * go-yaml v3 (YAML 1.2-ish: `yes`/`on` are strings, but `0123` is still octal), parses its own
 * kustomization files through sigs.k8s.io/yaml with go-yaml v2 (YAML 1.1: `yes`/`on` are
 * booleans), and prints through go-yaml v2, which quotes every string that v2 would read back as
 * something else. One table-driven resolver serves all three, as in go-yaml's resolve.go.
 */
import { parseGoFloat, parseGoInt, parseGoIntBase, parseGoUint, parseGoUintBase } from './go-number.ts';
import { parseTimestamp, type Timestamp } from './timestamp.ts';

export type Dialect = 'v2' | 'v3';

export type ResolvedTag = 'str' | 'bool' | 'int' | 'float' | 'null' | 'timestamp' | 'merge';

export interface Resolved {
  tag: ResolvedTag;
  value: string | boolean | number | bigint | null | Timestamp;
}

const COMMON: Record<string, Resolved> = {
  true: { tag: 'bool', value: true },
  True: { tag: 'bool', value: true },
  TRUE: { tag: 'bool', value: true },
  false: { tag: 'bool', value: false },
  False: { tag: 'bool', value: false },
  FALSE: { tag: 'bool', value: false },
  '': { tag: 'null', value: null },
  '~': { tag: 'null', value: null },
  null: { tag: 'null', value: null },
  Null: { tag: 'null', value: null },
  NULL: { tag: 'null', value: null },
  '.nan': { tag: 'float', value: NaN },
  '.NaN': { tag: 'float', value: NaN },
  '.NAN': { tag: 'float', value: NaN },
  '.inf': { tag: 'float', value: Infinity },
  '.Inf': { tag: 'float', value: Infinity },
  '.INF': { tag: 'float', value: Infinity },
  '+.inf': { tag: 'float', value: Infinity },
  '+.Inf': { tag: 'float', value: Infinity },
  '+.INF': { tag: 'float', value: Infinity },
  '-.inf': { tag: 'float', value: -Infinity },
  '-.Inf': { tag: 'float', value: -Infinity },
  '-.INF': { tag: 'float', value: -Infinity },
  '<<': { tag: 'merge', value: '<<' },
};

const YAML11_BOOLS: Record<string, Resolved> = {};
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'])
  YAML11_BOOLS[s] = { tag: 'bool', value: true };
for (const s of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'])
  YAML11_BOOLS[s] = { tag: 'bool', value: false };

const MAP_V3 = new Map(Object.entries(COMMON));
const MAP_V2 = new Map(Object.entries({ ...COMMON, ...YAML11_BOOLS }));

/** go-yaml's resolveTable: the hint for a scalar's first byte. */
const HINT = new Uint8Array(256);
for (const c of '+-') HINT[c.charCodeAt(0)] = 83; // 'S'
for (const c of '0123456789') HINT[c.charCodeAt(0)] = 68; // 'D'
for (const c of 'yYnNtTfFoO~') HINT[c.charCodeAt(0)] = 77; // 'M'
HINT[46] = 46; // '.'

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const SIMPLE_DECIMAL = /^-?[1-9][0-9]{0,14}$/;

const STR = 'str';

function intResult(v: bigint): Resolved {
  const n = Number(v);
  return { tag: 'int', value: Number.isSafeInteger(n) ? n : v };
}

/**
 * The tag and value go-yaml gives the plain scalar `text` with no explicit tag.
 * Strings come back as `{tag: 'str', value: text}`.
 */
export function resolvePlain(text: string, dialect: Dialect): Resolved {
  const hint = text.length === 0 ? 77 : text.charCodeAt(0) < 256 ? HINT[text.charCodeAt(0)]! : 0;
  if (hint === 0) return { tag: STR, value: text };
  const item = (dialect === 'v3' ? MAP_V3 : MAP_V2).get(text);
  if (item) return item;
  if (hint === 77) return { tag: STR, value: text };
  if (hint === 46) {
    const f = parseGoFloat(text);
    return f === undefined ? { tag: STR, value: text } : { tag: 'float', value: f };
  }
  // 'D' or 'S': int, float or timestamp
  if (SIMPLE_DECIMAL.test(text)) return { tag: 'int', value: Number(text) };
  const ts = parseTimestamp(text);
  if (ts) return { tag: 'timestamp', value: ts };
  const plain = text.includes('_') ? text.replaceAll('_', '') : text;
  const i = parseGoInt(plain);
  if (i !== undefined) return intResult(i);
  const u = parseGoUint(plain);
  if (u !== undefined) return intResult(u);
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = parseGoFloat(plain);
    if (f !== undefined) return { tag: 'float', value: f };
  }
  if (plain.startsWith('0b')) {
    const b = parseGoIntBase(plain.slice(2), 2) ?? parseGoUintBase(plain.slice(2), 2);
    if (b !== undefined) return intResult(b);
  } else if (plain.startsWith('-0b')) {
    const b = parseGoIntBase('-' + plain.slice(3), 2);
    if (b !== undefined) return intResult(b);
  }
  if (dialect === 'v3') {
    if (plain.startsWith('0o')) {
      const o = parseGoIntBase(plain.slice(2), 8) ?? parseGoUintBase(plain.slice(2), 8);
      if (o !== undefined) return intResult(o);
    } else if (plain.startsWith('-0o')) {
      const o = parseGoIntBase('-' + plain.slice(3), 8);
      if (o !== undefined) return intResult(o);
    }
  }
  return { tag: STR, value: text };
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/**
 * Whether go-yaml v2's encoder may print `s` unquoted: it must read back as a string under v2's
 * YAML 1.1 rules and not look like a base-60 float.
 */
export function v2CanBePlain(s: string): boolean {
  if (resolvePlain(s, 'v2').tag !== STR) return false;
  if (s.length === 0) return true;
  const c = s[0]!;
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return true;
  return !BASE60_FLOAT.test(s);
}
