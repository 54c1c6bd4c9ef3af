import { compareGoStrings, isObject } from '../json.ts';

/**
 * Go's `fmt.Sprintf("%v", x)` for decoded JSON values. Strategic merge patch sorts scalars and
 * merge keys by this string, and its error messages print values this way.
 */
export function goValueString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloatString(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goValueString).join(' ')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort(compareGoStrings);
    return `map[${keys.map((k) => `${k}:${goValueString(v[k])}`).join(' ')}]`;
  }
  return typeof v === 'bigint' ? v.toString() : '';
}

/** `%v` of a float64: shortest form, exponent when it is below -4 or at least 21, two-digit exponent. */
function goFloatString(n: number): string {
  const abs = Math.abs(n);
  if (n !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [mantissa, exp = '0'] = n.toExponential().split('e');
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[+-]/, '');
    return `${mantissa}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
  }
  return String(n);
}

/** Go's `sort.Sort` over `%v` strings, made stable so equal strings keep their order. */
export function sortByGoString<T>(items: T[], key: (item: T) => unknown = (x) => x): T[] {
  return items
    .map((item, i) => ({ item, s: goValueString(key(item)), i }))
    .sort((a, b) => compareGoStrings(a.s, b.s) || a.i - b.i)
    .map((x) => x.item);
}
