import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { CapstanError } from '../../core/index.ts';
import type { SchemaNode } from '../schema/types.ts';
import { goQuote } from '../ssa/path-element.ts';

/**
 * Decoding request bodies while seeing what `JSON.parse` hides: duplicate keys (the last wins, as
 * in Go) and fields the schema does not know. The server turns these into a 400
 * (`fieldValidation=Strict`), `Warning` headers (`Warn`) or nothing (`Ignore`).
 */

/** One strict-decoding finding with the API server's wording. */
export interface FieldProblem {
  readonly kind: 'unknown' | 'duplicate';
  /** Dotted path with list indices: `spec.template.spec.containers[0].foo`. */
  readonly path: string;
  /** `unknown field "spec.foo"`, `duplicate field "spec.replicas"`, or the YAML decoder's text. */
  readonly message: string;
}

export interface DecodedBody {
  readonly value: unknown;
  readonly problems: FieldProblem[];
}

/** A body that is not valid JSON or YAML (400 BadRequest). */
export class BodyDecodeError extends CapstanError {
  constructor(message: string) {
    super(message, { code: 'BAD_REQUEST' });
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function unknownField(path: string): FieldProblem {
  return { kind: 'unknown', path, message: `unknown field ${goQuote(path)}` };
}

/** What a key of an object at `node` is: a known child schema, an unknown field, or untyped. */
function childOf(
  node: SchemaNode | undefined,
  key: string,
): { node: SchemaNode | undefined; unknown: boolean } {
  if (!node) return { node: undefined, unknown: false };
  if (node.kind === 'struct') {
    const child = node.field(key);
    if (child) return { node: child, unknown: false };
    return { node: undefined, unknown: !node.preserveUnknownFields };
  }
  if (node.kind === 'map') return { node: node.elements(), unknown: false };
  return { node: undefined, unknown: false };
}

function elementOf(node: SchemaNode | undefined): SchemaNode | undefined {
  return node?.kind === 'list' ? node.elements() : undefined;
}

class JsonReader {
  private i = 0;
  readonly problems: FieldProblem[] = [];
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  fail(what: string): never {
    const before = this.text.slice(0, this.i);
    const line = before.split('\n').length;
    const column = this.i - before.lastIndexOf('\n');
    throw new BodyDecodeError(`invalid JSON at line ${line} column ${column}: ${what}`);
  }

  private ws(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  /** Reads the whole document. */
  document(node: SchemaNode | undefined): unknown {
    this.ws();
    const v = this.value(node, '', true);
    this.ws();
    if (this.i < this.text.length) this.fail('unexpected data after the top-level value');
    return v;
  }

  private value(node: SchemaNode | undefined, path: string, track: boolean): unknown {
    this.ws();
    const c = this.text.charCodeAt(this.i);
    if (c === 123 /* { */) return this.object(node, path, track);
    if (c === 91 /* [ */) return this.array(node, path, track);
    if (c === 34 /* " */) return this.string();
    if (c === 116 /* t */ && this.text.startsWith('true', this.i)) {
      this.i += 4;
      return true;
    }
    if (c === 102 /* f */ && this.text.startsWith('false', this.i)) {
      this.i += 5;
      return false;
    }
    if (c === 110 /* n */ && this.text.startsWith('null', this.i)) {
      this.i += 4;
      return null;
    }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.text);
    if (!m) {
      const ch = this.text.charAt(this.i);
      this.fail(ch === '' ? 'unexpected end of input' : `unexpected character ${JSON.stringify(ch)}`);
    }
    this.i += m[0].length;
    return Number(m[0]);
  }

  private string(): string {
    const start = this.i;
    const t = this.text;
    let escaped = false;
    this.i++;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 34) {
        this.i++;
        // Most strings have no escapes: slicing is much cheaper than JSON.parse.
        if (!escaped) return t.slice(start + 1, this.i - 1);
        try {
          return JSON.parse(t.slice(start, this.i)) as string;
        } catch {
          this.i = start;
          this.fail('invalid string');
        }
      }
      if (c === 92) {
        escaped = true;
        this.i += 2;
      } else if (c < 32) this.fail('control character in string');
      else this.i++;
    }
    return this.fail('unterminated string');
  }

  private object(node: SchemaNode | undefined, path: string, track: boolean): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = {};
    this.ws();
    if (this.text.charCodeAt(this.i) === 125 /* } */) {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.text.charCodeAt(this.i) !== 34) this.fail('expected a string key');
      const key = this.string();
      this.ws();
      if (this.text.charCodeAt(this.i) !== 58 /* : */) this.fail('expected ":" after an object key');
      this.i++;
      const childPath = track ? join(path, key) : '';
      const { node: child, unknown } = childOf(node, key);
      if (track) {
        if (Object.hasOwn(out, key))
          this.problems.push({
            kind: 'duplicate',
            path: childPath,
            message: `duplicate field ${goQuote(childPath)}`,
          });
        if (unknown) this.problems.push(unknownField(childPath));
      }
      const value = this.value(child, childPath, track && !unknown);
      // A "__proto__" key must become an own property, as JSON.parse makes it.
      if (key === '__proto__')
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      this.ws();
      const c = this.text.charCodeAt(this.i);
      this.i++;
      if (c === 125 /* } */) return out;
      if (c !== 44 /* , */) {
        this.i--;
        this.fail('expected "," or "}" in an object');
      }
    }
  }

  private array(node: SchemaNode | undefined, path: string, track: boolean): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.ws();
    if (this.text.charCodeAt(this.i) === 93 /* ] */) {
      this.i++;
      return out;
    }
    const element = elementOf(node);
    for (;;) {
      out.push(this.value(element, track ? `${path}[${out.length}]` : '', track));
      this.ws();
      const c = this.text.charCodeAt(this.i);
      this.i++;
      if (c === 93 /* ] */) return out;
      if (c !== 44 /* , */) {
        this.i--;
        this.fail('expected "," or "]" in an array');
      }
    }
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Decodes a JSON body, reporting duplicate keys and unknown fields in document order. */
export function decodeJsonStrict(text: string, schema: SchemaNode | undefined): DecodedBody {
  const reader = new JsonReader(text);
  const value = reader.document(schema);
  return { value, problems: reader.problems };
}

/**
 * Decodes a YAML body (the first document). Duplicate keys are reported as the YAML decoder reports
 * them (`yaml: unmarshal errors:\n  line 5: key "replicas" already set in map`), then unknown fields.
 */
export function decodeYamlStrict(text: string, schema: SchemaNode | undefined): DecodedBody {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new BodyDecodeError(
      `invalid YAML${pos ? ` at line ${pos.line} column ${pos.col}` : ''}: ${e.message.split('\n')[0]}`,
    );
  }
  const lines: string[] = [];
  const walk = (n: YamlNode | null | undefined): void => {
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key)) {
          const offset = (pair.key as YamlNode | null)?.range?.[0] ?? 0;
          lines.push(`  line ${lineCounter.linePos(offset).line}: key ${goQuote(key)} already set in map`);
        }
        seen.add(key);
        walk(pair.value as YamlNode | null);
      }
    } else if (isSeq(n)) {
      for (const item of n.items) walk(item as YamlNode | null);
    }
  };
  walk(doc.contents);
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const problems: FieldProblem[] = [];
  if (lines.length > 0) {
    problems.push({ kind: 'duplicate', path: '', message: `yaml: unmarshal errors:\n${lines.join('\n')}` });
  }
  problems.push(...findUnknownFields(value, schema));
  return { value, problems };
}

/** Unknown fields of an already decoded object (e.g. the result of a patch), in key order. */
export function findUnknownFields(value: unknown, schema: SchemaNode | undefined): FieldProblem[] {
  const out: FieldProblem[] = [];
  const walk = (v: unknown, node: SchemaNode | undefined, path: string): void => {
    if (!node) return;
    if (Array.isArray(v)) {
      const element = elementOf(node);
      v.forEach((item, i) => walk(item, element, `${path}[${i}]`));
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    for (const [key, child] of Object.entries(v)) {
      const p = join(path, key);
      const c = childOf(node, key);
      if (c.unknown) out.push(unknownField(p));
      else walk(child, c.node, p);
    }
  };
  walk(value, schema, '');
  return out;
}

/**
 * Removes, in place, the fields of a decoded object its schema does not know, and reports them in
 * key order: what decoding into a built-in Go type does (the server then stores the object without
 * them, and `fieldValidation` says whether the client hears about it).
 */
export function pruneUnknownFields(value: unknown, schema: SchemaNode | undefined): FieldProblem[] {
  const out: FieldProblem[] = [];
  const segments: (string | number)[] = [];
  const pathOf = (key: string): string => {
    let p = '';
    for (const s of segments) p = typeof s === 'number' ? `${p}[${s}]` : join(p, s);
    return join(p, key);
  };
  const walk = (v: unknown, node: SchemaNode | undefined): void => {
    if (!node || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      const element = elementOf(node);
      if (!element) return;
      for (let i = 0; i < v.length; i++) {
        segments.push(i);
        walk(v[i], element);
        segments.pop();
      }
      return;
    }
    if (node.kind !== 'struct' && node.kind !== 'map') return;
    const obj = v as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const c = childOf(node, key);
      if (c.unknown) {
        out.push(unknownField(pathOf(key)));
        delete obj[key];
        continue;
      }
      segments.push(key);
      walk(obj[key], c.node);
      segments.pop();
    }
  };
  walk(value, schema);
  return out;
}
