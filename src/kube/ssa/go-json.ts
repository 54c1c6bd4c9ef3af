import { compareGoStrings, isObject } from '../json.ts';

/**
 * JSON as Go's encoding/json writes it, where bytes must match a real API server: managedFields
 * keys (`k:{"name":"x"}`, `v:"a&b"`) and the last-applied annotation. Differences from
 * `JSON.stringify`: map keys are sorted and `<`, `>`, `&`, U+2028 and U+2029 are escaped as
 * `\u003c`…. Numbers agree already: both switch to exponent form below 1e-6 and from 1e21.
 */
export function goJson(value: unknown, sortKeys = true): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return goJsonString(value);
    case 'number':
      return goJsonNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map((v: unknown) => goJson(v, sortKeys)).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (sortKeys) keys.sort(compareGoStrings);
    const parts: string[] = [];
    for (const k of keys) {
      if (value[k] === undefined) continue;
      parts.push(`${goJsonString(k)}:${goJson(value[k], sortKeys)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return 'null';
}

const NEEDS_ESCAPE = /[<>&\u2028\u2029]/;
const ESCAPES = /[<>&\u2028\u2029]/g;

/** A JSON string literal with Go's HTML-safe escaping. */
export function goJsonString(s: string): string {
  const json = JSON.stringify(s);
  return NEEDS_ESCAPE.test(json)
    ? json.replace(ESCAPES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : json;
}

/** A JSON number as Go writes a float64 (no NaN or infinities in JSON). */
export function goJsonNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}
