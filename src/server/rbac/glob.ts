/**
 * Argo CD's RBAC matching (`policy.matchMode`). `glob` follows gobwas/glob compiled without
 * separators, so `*` also matches `/`: `default/*` matches `default/team/web`, and
 * `update/*` matches every fine-grained sub-action. Syntax: `*` (any run), `?` (any one
 * character), `[abc]`, `[a-z]`, `[!abc]`, `{a,b}` alternatives (nestable), `\` escapes. A
 * pattern that does not compile matches nothing, as in Argo CD. `regex` is Go's
 * `regexp.MatchString` as casbin uses it: unanchored.
 */

export type MatchMode = 'glob' | 'regex';

export type Matcher = (value: string, pattern: string) => boolean;

/** Compiled patterns, bounded like Argo CD's glob cache so hostile policies cannot grow it forever. */
const CACHE_LIMIT = 10_000;
const globCache = new Map<string, RegExp | null>();
const regexCache = new Map<string, RegExp | null>();

export const globMatch: Matcher = (value, pattern) => {
  if (pattern === '*') return true;
  const re = cached(globCache, pattern, compileGlob);
  return re !== null && re.test(value);
};

export const regexMatch: Matcher = (value, pattern) => {
  const re = cached(regexCache, pattern, (p) => {
    try {
      return new RegExp(p, 'u');
    } catch {
      return null;
    }
  });
  return re !== null && re.test(value);
};

export function matcherFor(mode: MatchMode): Matcher {
  return mode === 'regex' ? regexMatch : globMatch;
}

function cached(
  cache: Map<string, RegExp | null>,
  key: string,
  make: (p: string) => RegExp | null,
): RegExp | null {
  let re = cache.get(key);
  if (re === undefined) {
    re = make(key);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, re);
  }
  return re;
}

// Unicode-mode RegExps reject needless escapes, so `-` is escaped only inside a class.
const literal = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const classLiteral = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** The glob as an anchored RegExp, or null when it does not compile (unclosed `[` or `{`). */
export function compileGlob(pattern: string): RegExp | null {
  let re = '';
  let depth = 0;
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    switch (c) {
      case '\\': {
        const next = chars[++i];
        if (next === undefined) return null;
        re += literal(next);
        break;
      }
      case '*':
        while (chars[i + 1] === '*') i++;
        re += '[^]*';
        break;
      case '?':
        re += '[^]';
        break;
      case '[': {
        const end = chars.indexOf(']', i + 1);
        if (end < 0) return null;
        let body = chars.slice(i + 1, end);
        const negate = body[0] === '!';
        if (negate) body = body.slice(1);
        if (body.length === 0) return null;
        let cls = '';
        for (let j = 0; j < body.length; j++) {
          const ch = body[j]!;
          if (body[j + 1] === '-' && body[j + 2] !== undefined) {
            cls += `${classLiteral(ch)}-${classLiteral(body[j + 2]!)}`;
            j += 2;
          } else cls += classLiteral(ch);
        }
        re += `[${negate ? '^' : ''}${cls}]`;
        i = end;
        break;
      }
      case '{':
        depth++;
        re += '(?:';
        break;
      case '}':
        if (depth === 0) re += '\\}';
        else {
          depth--;
          re += ')';
        }
        break;
      case ',':
        re += depth > 0 ? '|' : ',';
        break;
      default:
        re += literal(c);
    }
  }
  if (depth !== 0) return null;
  try {
    return new RegExp(`^${re}$`, 'u');
  } catch {
    return null;
  }
}
