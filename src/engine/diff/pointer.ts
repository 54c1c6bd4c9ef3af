/** RFC 6901 JSON Pointers (`/spec/replicas`, `/metadata/labels/app.kubernetes.io~1name`). */
import { isObject, type PathElement } from '../object/path.ts';

/** The unescaped reference tokens; throws on a pointer that does not start with `/`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new Error(`invalid JSON pointer ${JSON.stringify(pointer)}: must start with /`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The concrete path of a pointer in `obj` (tokens become indexes inside arrays), or undefined if absent. */
export function resolvePointer(obj: unknown, tokens: readonly string[]): PathElement[] | undefined {
  const out: PathElement[] = [];
  let cur: unknown = obj;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(t)) return undefined;
      const i = Number(t);
      if (i >= cur.length) return undefined;
      out.push(i);
      cur = cur[i];
    } else if (isObject(cur) && Object.hasOwn(cur, t)) {
      out.push(t);
      cur = cur[t];
    } else return undefined;
  }
  return out;
}

export function formatPointer(path: readonly PathElement[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
