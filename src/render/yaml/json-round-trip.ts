/**
 * What encoding/json followed by go-yaml v2's reader does to values on their way to the printer
 * (sigs.k8s.io/yaml.Marshal is JSON first): numbers take Go's float formats, and strings with
 * characters JSON leaves raw but YAML reads differently are folded or refused.
 */
import { formatGoFloatG } from './go-number.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Thrown for values the JSON → YAML round trip refuses (NaN, ±Inf, raw control characters). */
export class UnsupportedValueError extends Error {}

// encoding/json leaves these raw in its output and go-yaml's reader then refuses the JSON text.

const JSON_RAW_CONTROL = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/**
 * What a string becomes after encoding/json (which leaves U+0085 NEXT LINE raw) is read back by
 * go-yaml v2, for which NEL is a line break inside the double-quoted JSON string: breaks fold
 * like YAML flow scalars (one break → a space, n breaks → n-1 newlines, blanks around dropped).
 */
export function jsonRoundTrip(s: string): string {
  if (JSON_RAW_CONTROL.test(s)) throw new UnsupportedValueError('yaml: control characters are not allowed');
  if (!s.includes('\u0085')) return s;
  return s.replace(/[ \t]*\u0085[ \t\u0085]*/g, (m) => {
    const breaks = (m.match(/\u0085/g) ?? []).length;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/**
 * How encoding/json prints a float64 and go-yaml v2 reads and reprints it: integers that fit an
 * int64/uint64 stay integers (`1.0` → `1`), others go through %g (`1e+21`, `1.5e-07`).
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new UnsupportedValueError(`json: unsupported value: ${formatGoFloatG(n)}`);
  if (Number.isInteger(n)) {
    if (Number.isSafeInteger(n)) return String(Object.is(n, -0) ? 0 : n);
    if (Math.abs(n) < 1e21) {
      // encoding/json prints the shortest digits padded with zeros (as String does below 1e21);
      // go-yaml then reads that back as an integer when it fits 64 bits.
      const s = String(n);
      const b = BigInt(s);
      if ((b >= INT64_MIN && b <= INT64_MAX) || (b >= 0n && b <= UINT64_MAX)) return s;
    }
  }
  return formatGoFloatG(n);
}
