/**
 * Builds plain JavaScript values from js-yaml's event stream with go-yaml's typing rules
 * (resolve.ts). js-yaml is only the tokenizer here: its own constructor follows YAML 1.2 core
 * rules, which differ from go-yaml's (octal `0123`, timestamps, `1_000`), so values are built
 * here, where aliases are also copied (kustomize de-anchors; shared objects would let one
 * transformer's edit leak into another place) and duplicate keys are rejected with their line.
 */
import { EVENT_ID, getScalarValue, type Event, type ScalarEvent } from 'js-yaml';
import { resolvePlain, type Dialect } from './resolve.ts';
import { YamlSyntaxError, lineOf } from './errors.ts';

const PLAIN = 1;

export type YamlValue = unknown;

interface State {
  source: string;
  file: string;
  events: Event[];
  pos: number;
  dialect: Dialect;
  anchors: Map<string, unknown>;
}

/** Constructs every document of an event stream. Empty documents come back as `null`. */
export function composeDocuments(source: string, events: Event[], file: string, dialect: Dialect): unknown[] {
  const st: State = { source, file, events, pos: 0, dialect, anchors: new Map() };
  const docs: unknown[] = [];
  while (st.pos < events.length) {
    const ev = events[st.pos++]!;
    if (ev.type !== EVENT_ID.DOCUMENT) continue;
    st.anchors.clear();
    let value: unknown = null;
    if (events[st.pos]?.type !== EVENT_ID.POP) value = composeNode(st, false);
    st.pos++; // document POP
    docs.push(value);
  }
  return docs;
}

function fail(st: State, offset: number, reason: string): never {
  throw new YamlSyntaxError(st.file, offset >= 0 ? lineOf(st.source, offset) : 0, reason);
}

function tagOf(st: State, ev: { tagStart: number; tagEnd: number }): string | undefined {
  if (ev.tagStart < 0) return undefined;
  const t = st.source.slice(ev.tagStart, ev.tagEnd);
  if (t.startsWith('!!')) return t.slice(2);
  if (t.startsWith('!<tag:yaml.org,2002:')) return t.slice(20, -1);
  return t;
}

function remember(st: State, ev: { anchorStart: number; anchorEnd: number }, value: unknown): void {
  if (ev.anchorStart >= 0) st.anchors.set(st.source.slice(ev.anchorStart, ev.anchorEnd), value);
}

/**
 * `raw`: `true` for an annotations mapping (its scalar values are built as their source text, as
 * kustomize reads annotations as map[string]string), `'value'` for one such value.
 */
function composeNode(st: State, raw: boolean | 'value'): unknown {
  const ev = st.events[st.pos++]!;
  switch (ev.type) {
    case EVENT_ID.SCALAR: {
      const v = raw === 'value' ? getScalarValue(st.source, ev) : scalarValue(st, ev);
      remember(st, ev, v);
      return v;
    }
    case EVENT_ID.SEQUENCE: {
      const arr: unknown[] = [];
      remember(st, ev, arr);
      while (st.events[st.pos]!.type !== EVENT_ID.POP) arr.push(composeNode(st, false));
      st.pos++;
      return arr;
    }
    case EVENT_ID.MAPPING: {
      const obj: Record<string, unknown> = {};
      remember(st, ev, obj);
      composeMapping(st, obj, ev.start, raw === true);
      return obj;
    }
    case EVENT_ID.ALIAS: {
      const name = st.source.slice(ev.anchorStart, ev.anchorEnd);
      if (!st.anchors.has(name)) fail(st, ev.anchorStart, `unknown anchor '${name}' referenced`);
      return deepCopy(st.anchors.get(name));
    }
    default:
      return fail(st, -1, 'unexpected YAML event');
  }
}

/** `rawValues`: the mapping is a resource's annotations, whose scalar values are kept as text. */
function composeMapping(st: State, obj: Record<string, unknown>, start: number, rawValues: boolean): void {
  let merges: unknown[] | undefined;
  const seenAt = new Map<string, number>();
  while (st.events[st.pos]!.type !== EVENT_ID.POP) {
    const kev = st.events[st.pos]!;
    let key: string;
    let keyOffset = start;
    if (kev.type === EVENT_ID.SCALAR) {
      st.pos++;
      key = getScalarValue(st.source, kev);
      keyOffset = kev.valueStart;
      remember(st, kev, key);
      if (kev.style === PLAIN && kev.tagStart < 0 && key === '<<') {
        (merges ??= []).push(composeNode(st, false));
        continue;
      }
    } else {
      // A complex key: go-yaml would turn it into a Go map key that JSON cannot hold.
      const k = composeNode(st, false);
      key = typeof k === 'string' ? k : JSON.stringify(k);
    }
    const prev = seenAt.get(key);
    // go-yaml v2 (sigs.k8s.io/yaml) lets a later duplicate key win; v3 rejects it.
    if (prev !== undefined && st.dialect === 'v3') {
      fail(st, keyOffset, `mapping key "${key}" already defined at line ${lineOf(st.source, prev)}`);
    }
    seenAt.set(key, keyOffset);
    const raw = rawValues || (key === 'annotations' && isMetadataMapping(st, start));
    setKey(obj, key, composeNode(st, raw && !rawValues ? true : rawValues ? 'value' : false));
  }
  st.pos++;
  if (merges) {
    for (const m of merges) {
      for (const src of Array.isArray(m) ? m : [m]) {
        if (src === null || typeof src !== 'object' || Array.isArray(src)) {
          fail(st, start, 'map merge requires map or sequence of maps as the value');
        }
        for (const [k, v] of Object.entries(src as Record<string, unknown>))
          if (!Object.hasOwn(obj, k)) setKey(obj, k, v);
      }
    }
  }
}

/**
 * Whether the mapping that starts at `start` is the value of a `metadata:` key. Checked on the
 * source text so that the hot path carries no parent bookkeeping.
 */
function isMetadataMapping(st: State, start: number): boolean {
  let i = start - 1;
  const s = st.source;
  while (i >= 0 && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i--;
  if (s[i] === '{') i--;
  while (i >= 0 && (s[i] === ' ' || s[i] === '\t')) i--;
  if (s[i] !== ':') return false;
  i--;
  if (s[i] === '"' || s[i] === "'") i--;
  return s.slice(Math.max(0, i - 7), i + 1) === 'metadata';
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function scalarValue(st: State, ev: ScalarEvent): unknown {
  const text = getScalarValue(st.source, ev);
  const tag = tagOf(st, ev);
  if (tag === undefined) {
    if (ev.style !== PLAIN) return text;
    return resolvePlain(text, st.dialect).value;
  }
  switch (tag) {
    case 'str':
    case 'binary':
      return text;
    case 'int':
    case 'float':
    case 'bool':
    case 'null':
    case 'timestamp': {
      const r = resolvePlain(text, st.dialect);
      if (r.tag === tag || (tag === 'float' && r.tag === 'int')) return r.value;
      return fail(st, ev.valueStart, `cannot decode !!${r.tag} \`${text}\` as a !!${tag}`);
    }
    case '!':
      return text;
    default:
      // Unknown tags keep their text, as go-yaml does when decoding into interface{}.
      return ev.style === PLAIN ? resolvePlain(text, st.dialect).value : text;
  }
}

/** A deep copy of a composed value (plain objects, arrays and immutable leaves). */
export function deepCopy<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (Object.getPrototypeOf(v) !== Object.prototype) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) setKey(out, k, deepCopy(x));
  return out as T;
}
