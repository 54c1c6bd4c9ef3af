/**
 * Argo CD's include/exclude patterns (util/glob over gobwas/glob, compiled without separators):
 * `*` and `**` match any run of characters including `/`, `?` one character, `[abc]`/`[a-z]`/
 * `[!abc]` a class, `{a,b}` alternatives (nestable), `\x` a literal x. Matched against the path
 * relative to the application directory, e.g. `envs/prod/deploy.yaml`.
 */
function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}

function translate(p: string, i: number, stopAt: string): [string, number] {
  let out = '';
  while (i < p.length) {
    const c = p[i]!;
    if (stopAt.includes(c)) return [out, i];
    if (c === '\\' && i + 1 < p.length) {
      out += escapeRe(p[i + 1]!);
      i += 2;
    } else if (c === '*') {
      while (p[i] === '*') i++;
      out += '[\\s\\S]*';
    } else if (c === '?') {
      out += '[\\s\\S]';
      i++;
    } else if (c === '[') {
      const end = p.indexOf(']', i + 1);
      if (end < 0) throw new Error(`unexpected end of input in pattern ${JSON.stringify(p)}`);
      let body = p.slice(i + 1, end);
      const neg = body.startsWith('!');
      if (neg) body = body.slice(1);
      out += `[${neg ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => '\\' + m)}]`;
      i = end + 1;
    } else if (c === '{') {
      const alts: string[] = [];
      i++;
      for (;;) {
        const [alt, j] = translate(p, i, ',}');
        alts.push(alt);
        if (j >= p.length) throw new Error(`unexpected end of input in pattern ${JSON.stringify(p)}`);
        i = j + 1;
        if (p[j] === '}') break;
      }
      out += `(?:${alts.join('|')})`;
    } else {
      out += escapeRe(c);
      i++;
    }
  }
  return [out, i];
}

const cache = new Map<string, RegExp>();

export function compileGlob(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${translate(pattern, 0, '')[0]}$`, 'u');
    cache.set(pattern, re);
  }
  return re;
}

export function globMatch(pattern: string, text: string): boolean {
  return compileGlob(pattern).test(text);
}
