/**
 * Go's number syntax and formatting, as go-yaml and encoding/json use them: `strconv.ParseInt`
 * with base 0 (prefixes 0x/0o/0b and C-style leading-zero octal), `ParseUint`, and the
 * shortest `'g'` float format that go-yaml v2 prints (`1e+06`, `1.5e-07`).
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Digits of `s` in `base`, or undefined when a character is not a digit of that base. */
function digitsValue(s: string, base: number): bigint | undefined {
  if (s.length === 0) return undefined;
  let v = 0n;
  const b = BigInt(base);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 122) d = c - 87;
    else if (c >= 65 && c <= 90) d = c - 55;
    else return undefined;
    if (d >= base) return undefined;
    v = v * b + BigInt(d);
  }
  return v;
}

/** The magnitude of an unsigned Go integer literal with base 0 (no sign). */
function unsignedBase0(s: string): bigint | undefined {
  if (s.length >= 2 && s[0] === '0') {
    const p = s[1]!.toLowerCase();
    if (p === 'x') return digitsValue(s.slice(2), 16);
    if (p === 'o') return digitsValue(s.slice(2), 8);
    if (p === 'b') return digitsValue(s.slice(2), 2);
    return digitsValue(s.slice(1), 8);
  }
  return digitsValue(s, 10);
}

/** `strconv.ParseInt(s, 0, 64)`: undefined on syntax or range error. */
export function parseGoInt(s: string): bigint | undefined {
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const v = unsignedBase0(body);
  if (v === undefined) return undefined;
  const r = neg ? -v : v;
  return r < INT64_MIN || r > INT64_MAX ? undefined : r;
}

/** `strconv.ParseUint(s, 0, 64)`: no sign allowed. */
export function parseGoUint(s: string): bigint | undefined {
  if (s[0] === '+' || s[0] === '-') return undefined;
  const v = unsignedBase0(s);
  return v === undefined || v > UINT64_MAX ? undefined : v;
}

/** `strconv.ParseInt(s, base, 64)` for an explicit base (used for 0b/0o bodies). */
export function parseGoIntBase(s: string, base: number): bigint | undefined {
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const v = digitsValue(body, base);
  if (v === undefined) return undefined;
  const r = neg ? -v : v;
  return r < INT64_MIN || r > INT64_MAX ? undefined : r;
}

export function parseGoUintBase(s: string, base: number): bigint | undefined {
  const v = digitsValue(s, base);
  return v === undefined || v > UINT64_MAX ? undefined : v;
}

const GO_DECIMAL_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GO_HEX_FLOAT = /^[+-]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+$/;
const GO_SPECIAL_FLOAT = /^[+-]?(?:inf|infinity|nan)$/i;

/**
 * `strconv.ParseFloat(s, 64)`: the value, or undefined on a syntax error or when the value is out
 * of range (Go then reports ErrRange, which the YAML resolvers treat as "not a float").
 */
export function parseGoFloat(s: string): number | undefined {
  if (GO_DECIMAL_FLOAT.test(s)) {
    const v = Number(s);
    return Number.isFinite(v) ? v : undefined;
  }
  if (GO_SPECIAL_FLOAT.test(s)) {
    const l = s.toLowerCase();
    if (l.endsWith('nan')) return l[0] === '+' || l[0] === '-' ? undefined : NaN;
    return l[0] === '-' ? -Infinity : Infinity;
  }
  if (GO_HEX_FLOAT.test(s)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
    if (!m) return undefined;
    const mant = parseInt((m[2] ?? '') + (m[3] ?? '') || '0', 16);
    const v = mant * 2 ** (Number(m[4]) - 4 * (m[3] ?? '').length);
    if (!Number.isFinite(v)) return undefined;
    return m[1] === '-' ? -v : v;
  }
  return undefined;
}

/** Go's `strconv.FormatFloat(f, 'g', -1, 64)`: shortest digits, %e form when exp < -4 or >= 6. */
export function formatGoFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const sign = f < 0 ? '-' : '';
  const [mant = '', expText = '0'] = Math.abs(f).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  // strconv's fmtG: "if precision was the shortest possible, use precision 6 for this decision".
  const eprec = 6;
  if (exp < -4 || exp >= eprec) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
