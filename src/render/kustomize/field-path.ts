/**
 * Reading a field by kyaml path (`spec.template.spec.containers[0].image`,
 * `spec.containers.[name=app].image`, `metadata.annotations.[a.b/c]`), as vars and replacements
 * address fields.
 */
import { isMap } from './fieldspec.ts';
import { splitPath } from './fieldspec.ts';
import { scalarText } from './resource.ts';

/** kyaml's SmarterPathSplitter: keeps `[a.b=c]` together; `[a.b]` becomes the key `a.b`. */
export function smarterSplit(path: string, delimiter = '.'): string[] {
  const split = splitPath(path, delimiter);
  const out: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const elem = split[i]!;
    if (elem.startsWith('[') && !elem.endsWith(']')) {
      const parts = [elem];
      while (i < split.length - 1) {
        i++;
        parts.push(split[i]!);
        if (split[i]!.endsWith(']')) break;
      }
      const s = parts.join(delimiter);
      out.push(s.includes('=') ? s : s.replace(/^\[+|\]+$/g, ''));
    } else out.push(elem);
  }
  return out;
}

/** convertSliceIndex: `a[0]` becomes `a`, `0`. */
export function convertSliceIndex(fields: string[]): string[] {
  const out: string[] = [];
  for (const s of fields) {
    const m = s.endsWith(']') ? /^(.*)\[(\d+)\]$/.exec(s) : null;
    if (!m) {
      out.push(s);
      continue;
    }
    if (m[1]) out.push(m[1]);
    out.push(m[2]!);
  }
  return out;
}

/** Whether a path element is a list matcher `[k=v]` (returns key and value). */
export function listMatcher(seg: string): { key: string; value: string } | undefined {
  if (!seg.startsWith('[') || !seg.endsWith(']')) return undefined;
  const inner = seg.slice(1, -1);
  const eq = inner.indexOf('=');
  if (eq < 0) return undefined;
  return { key: inner.slice(0, eq), value: inner.slice(eq + 1) };
}

/** yaml.Lookup: follows map keys, list indexes and `[k=v]` matchers; undefined when absent. */
export function lookup(
  root: unknown,
  fields: string[],
): { container: unknown; key: string | number; value: unknown } | undefined {
  let container: unknown = { '': root };
  let key: string | number = '';
  let cur: unknown = root;
  for (const f of fields) {
    if (Array.isArray(cur)) {
      const m = listMatcher(f);
      if (m) {
        const i = cur.findIndex((el) => isMap(el) && scalarText(el[m.key]) === m.value);
        if (i < 0) return undefined;
        container = cur;
        key = i;
        cur = cur[i];
        continue;
      }
      if (/^-?\d+$/.test(f)) {
        const i = Number(f);
        if (i < 0 || i >= cur.length) return undefined;
        container = cur;
        key = i;
        cur = cur[i];
        continue;
      }
      return undefined;
    }
    if (!isMap(cur) || !Object.hasOwn(cur, f)) return undefined;
    container = cur;
    key = f;
    cur = cur[f];
  }
  return { container, key, value: cur };
}
