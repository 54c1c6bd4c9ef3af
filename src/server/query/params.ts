/** Reading query parameters as docs/api.md §1 defines them. */
import { ApiError } from '../errors.ts';

export type Query = Record<string, string | string[] | undefined>;

/** A repeatable parameter: repeated or comma-separated, both meaning the same. */
export function many(query: Query, ...names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const v = query[name];
    for (const item of v === undefined ? [] : Array.isArray(v) ? v : [v]) {
      out.push(
        ...item
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      );
    }
  }
  return out;
}

export function one(query: Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A value of a fixed set; anything else is 400. */
export function oneOf<T extends string>(values: string[], allowed: readonly T[], name: string): T[] {
  for (const v of values) {
    if (!(allowed as readonly string[]).includes(v))
      throw new ApiError('InvalidArgument', `invalid ${name} "${v}": one of ${allowed.join(', ')}`);
  }
  return values as T[];
}
