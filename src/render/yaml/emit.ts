/**
 * The YAML printer of kustomize and Helm: `sigs.k8s.io/yaml.Marshal`, i.e. encoding/json then
 * go-yaml v2's encoder (encode.go + emitterc.go) with its defaults: two-space indent, block
 * sequences not indented under their key, keys sorted by sort-keys.ts, lines folded past 80
 * columns, `|`/`|-`/`|+` for multi-line strings, and quotes only where v2 would misread a string.
 *
 * The emitter state (column, indent stack, whitespace/indention flags, the four contexts) and the
 * order of its checks mirror libyaml's emitter so that its folding and quoting decisions come
 * out the same. Only what JSON values produce is reachable: block collections, and `{}`/`[]` for
 * empty ones.
 */
import { analyzeScalar, isBreak, isPrintable, type ScalarAnalysis } from './scalar-analysis.ts';
import { v2CanBePlain } from './resolve.ts';
import { sortKeysGoYaml } from './sort-keys.ts';
import { Timestamp } from './timestamp.ts';
import { formatNumber, jsonRoundTrip, UnsupportedValueError } from './json-round-trip.ts';

export { formatNumber, jsonRoundTrip, UnsupportedValueError };

type Style = 'plain' | 'single' | 'double' | 'literal';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

function utf8Length(cps: number[]): number {
  let n = 0;
  for (const c of cps) n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  return n;
}

const HEX = '0123456789ABCDEF';
const SHORT_ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  openEnded = false;
  indent = -1;
  indents: number[] = [];
  flowLevel = 0;
  rootContext = false;
  sequenceContext = false;
  mappingContext = false;
  simpleKeyContext = false;

  put(ch: string): void {
    this.out += ch;
    this.column++;
  }

  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  write(cp: number): void {
    this.out += cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    this.column++;
  }

  writeBreak(cp: number): void {
    if (cp === 0x0a) this.putBreak();
    else {
      this.write(cp);
      this.column = 0;
    }
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.out += ind;
    this.column += ind.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  node(value: unknown, root: boolean, sequence: boolean, mapping: boolean, simpleKey: boolean): void {
    this.rootContext = root;
    this.sequenceContext = sequence;
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (value !== null && typeof value === 'object' && !(value instanceof Timestamp)) {
      if (Array.isArray(value)) {
        if (value.length === 0) this.emptyFlow('[', ']');
        else this.blockSequence(value);
      } else {
        const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
        if (keys.length === 0) this.emptyFlow('{', '}');
        else this.blockMapping(value as Record<string, unknown>, keys);
      }
      return;
    }
    this.scalarValue(value);
  }

  emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  blockSequence(arr: unknown[]): void {
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of arr) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item === undefined ? null : item, false, true, false, false);
    }
    this.popIndent();
  }

  blockMapping(obj: Record<string, unknown>, keys: string[]): void {
    this.increaseIndent(false, false);
    for (const key of sortKeysGoYaml(keys)) {
      this.writeIndent();
      if (isSimplePlainKey(key)) {
        // The common case, decided once per distinct key: a plain simple key.
        if (!this.whitespace) this.put(' ');
        this.out += key;
        this.column += key.length;
        this.whitespace = false;
        this.indention = false;
        this.writeIndicator(':', false, false, false);
        this.node(obj[key], false, false, true, false);
        continue;
      }
      const cps = codePoints(jsonRoundTrip(key.toWellFormed()));
      const analysis = analyzeScalar(cps);
      if (!analysis.multiline && utf8Length(cps) <= 128) {
        this.rootContext = false;
        this.sequenceContext = false;
        this.mappingContext = true;
        this.simpleKeyContext = true;
        this.scalar(cps, stringStyle(String.fromCodePoint(...cps)), analysis);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.rootContext = false;
        this.sequenceContext = false;
        this.mappingContext = true;
        this.simpleKeyContext = false;
        this.scalar(cps, stringStyle(String.fromCodePoint(...cps)), analysis);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(obj[key], false, false, true, false);
    }
    this.popIndent();
  }

  scalarValue(value: unknown): void {
    let text: string;
    let style: Style = 'plain';
    if (
      typeof value === 'string' &&
      this.flowLevel === 0 &&
      isSafePlain(value) &&
      this.column + value.length < BEST_WIDTH
    ) {
      // A short string that libyaml writes plain and unbroken: skip the analysis.
      if (!this.whitespace) this.put(' ');
      this.out += value;
      this.column += value.length;
      this.whitespace = false;
      this.indention = false;
      if (this.rootContext) this.openEnded = true;
      return;
    }
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      if (!this.whitespace) this.put(' ');
      const t = String(Object.is(value, -0) ? 0 : value);
      this.out += t;
      this.column += t.length;
      this.whitespace = false;
      this.indention = false;
      if (this.rootContext) this.openEnded = true;
      return;
    }
    if (typeof value === 'string' || value instanceof Timestamp) {
      text = jsonRoundTrip((typeof value === 'string' ? value : value.rfc3339).toWellFormed());
      style = stringStyle(text);
    } else if (typeof value === 'number') text = formatNumber(value);
    else if (typeof value === 'bigint') text = value.toString();
    else if (typeof value === 'boolean') text = value ? 'true' : 'false';
    else if (value === null || value === undefined) text = 'null';
    else throw new UnsupportedValueError(`json: unsupported type: ${typeof value}`);
    const cps = codePoints(text);
    this.scalar(cps, style, analyzeScalar(cps));
  }

  scalar(cps: number[], requested: Style, a: ScalarAnalysis): void {
    let style = requested;
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlainAllowed) || (this.flowLevel === 0 && !a.blockPlainAllowed)) {
        style = 'single';
      }
      if (cps.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext))
      style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    if (style === 'plain') this.plain(cps, allowBreaks);
    else if (style === 'single') this.singleQuoted(cps, allowBreaks);
    else if (style === 'double') this.doubleQuoted(cps, allowBreaks);
    else this.literal(cps);
    this.popIndent();
  }

  plain(cps: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== 0x20) this.writeIndent();
        else this.write(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
    if (this.rootContext) this.openEnded = true;
  }

  singleQuoted(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    const n = cps.length;
    for (let i = 0; i < n; i++) {
      const c = cps[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < n - 1 && cps[i + 1] !== 0x20) {
          this.writeIndent();
        } else this.write(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  doubleQuoted(cps: number[], allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    // libyaml's is_bom(value, i) looks at the start of the value whatever i is.
    const bom = cps[0] === 0xfeff;
    const n = cps.length;
    for (let i = 0; i < n; i++) {
      const c = cps[i]!;
      if (!isPrintable(c) || bom || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        const short = SHORT_ESCAPES[c];
        if (short !== undefined) this.put(short);
        else {
          const [ch, w] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(ch);
          for (let k = (w - 1) * 4; k >= 0; k -= 4) this.put(HEX[(c >> k) & 0x0f]!);
        }
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < n - 1) {
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put('\\');
        } else this.write(c);
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  literal(cps: number[]): void {
    this.writeIndicator('|', true, false, false);
    const n = cps.length;
    if (n > 0 && (cps[0] === 0x20 || isBreak(cps[0]!)))
      this.writeIndicator(String(BEST_INDENT), false, false, false);
    this.openEnded = false;
    let chomp = '';
    if (n === 0) chomp = '-';
    else if (!isBreak(cps[n - 1]!)) chomp = '-';
    else if (n === 1) {
      chomp = '+';
      this.openEnded = true;
    } else if (isBreak(cps[n - 2]!)) {
      chomp = '+';
      this.openEnded = true;
    }
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of cps) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

// Strings of these characters, starting and ending with a letter or digit, have no indicator
// that libyaml would quote for; v2CanBePlain still rules out `true`, `1e3`, `0x1F`, timestamps.
const SAFE = /^[A-Za-z0-9](?:[A-Za-z0-9._/ -]*[A-Za-z0-9._/-])?$/;
const safeCache = new Map<string, boolean>();

function isSafePlain(s: string): boolean {
  if (s.length > 64 || !SAFE.test(s)) return false;
  if (s.includes('  ')) return false;
  let v = safeCache.get(s);
  if (v === undefined) {
    v = v2CanBePlain(s);
    if (safeCache.size < 100_000) safeCache.set(s, v);
  }
  return v;
}

const keyCache = new Map<string, boolean>();

function isSimplePlainKey(k: string): boolean {
  let v = keyCache.get(k);
  if (v === undefined) {
    v = k.length > 0 && k.length <= 64 && SAFE.test(k) && !k.includes('  ') && v2CanBePlain(k);
    if (keyCache.size < 100_000) keyCache.set(k, v);
  }
  return v;
}

/** go-yaml v2's encoder choice for a string (encode.go, stringv). */
function stringStyle(s: string): Style {
  if (s.includes('\n')) return 'literal';
  return v2CanBePlain(s) ? 'plain' : 'double';
}

/**
 * One YAML document as `sigs.k8s.io/yaml.Marshal` prints `value` (a JSON-compatible value:
 * objects, arrays, strings, numbers, bigints, booleans, null, and parsed timestamps).
 */
export function marshalYaml(value: unknown): string {
  const e = new Emitter();
  e.node(value, true, false, false, false);
  e.writeIndent();
  return e.out;
}

/** A stream of documents joined the way kustomize joins resources (`---\n` between them). */
export function marshalYamlStream(values: readonly unknown[]): string {
  return values.map(marshalYaml).join('---\n');
}
