/**
 * One gitignore pattern, compiled the way git reads `.gitignore` lines (`dir.c`) and matches them
 * (`wildmatch.c` with WM_PATHNAME): `*` and `?` stop at `/`; `**` spans directories only as a
 * whole segment (`**\/x`, `x/**`, `a/**\/b`); `[...]` classes with ranges, `!`/`^` negation and
 * POSIX names; a backslash escapes; a pattern with no inner slash matches the basename at any
 * depth below its file's directory; a trailing `/` matches directories only; `!` re-includes.
 */
export interface IgnorePattern {
  /** The line as written. */
  source: string;
  /** Directory (relative, '' for the root) of the file the pattern came from; it applies below it. */
  base: string;
  negate: boolean;
  dirOnly: boolean;
  /** Matches the basename only (the pattern had no slash except a trailing one). */
  basenameOnly: boolean;
  regex: RegExp;
}

/** Parses one line; undefined for blanks, comments and patterns git would never match. */
export function parsePattern(line: string, base = ''): IgnorePattern | undefined {
  if (line.startsWith('#')) return undefined;
  let p = trimTrailingSpaces(line.replace(/\r$/, ''));
  if (p === '') return undefined;
  let negate = false;
  if (p.startsWith('!')) {
    negate = true;
    p = p.slice(1);
  }
  let dirOnly = false;
  if (p.endsWith('/')) {
    dirOnly = true;
    p = p.slice(0, -1);
  }
  if (p === '') return undefined;
  const basenameOnly = !p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  // git matches bytes (`?` is one byte of UTF-8), so patterns and paths are compared as latin1
  // strings holding one UTF-8 byte per character.
  const body = wildmatchToRegex(toBytes(p));
  if (body === undefined) return undefined;
  return { source: line, base, negate, dirOnly, basenameOnly, regex: new RegExp(`^${body}$`) };
}

/** Trailing spaces are dropped unless escaped with a backslash (git's `trim_trailing_spaces`). */
function trimTrailingSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === ' ') {
    let backslashes = 0;
    for (let i = end - 2; i >= 0 && s[i] === '\\'; i--) backslashes++;
    if (backslashes % 2 === 1) break;
    end--;
  }
  return s.slice(0, end);
}

const POSIX: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

/** The regex body for a wildmatch pattern under WM_PATHNAME, or undefined if git would never match. */
export function wildmatchToRegex(p: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '\\') {
      if (i + 1 >= p.length) return undefined; // a trailing backslash never matches
      out += escapeChar(p[i + 1]!);
      i += 2;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '*') {
      let j = i;
      while (p[j] === '*') j++;
      const stars = j - i;
      const atSegmentStart = i === 0 || p[i - 1] === '/';
      const atSegmentEnd = j === p.length || p[j] === '/';
      if (stars >= 2 && atSegmentStart && atSegmentEnd) {
        if (j === p.length) out += '[^]*';
        else {
          out += '(?:[^]*/)?';
          j++; // the slash is part of "**/", which may match no directory at all
        }
      } else out += '[^/]*';
      i = j;
    } else if (c === '[') {
      const cls = parseClass(p, i);
      if (cls === undefined) return undefined; // an unclosed class aborts the whole match in git
      out += cls.regex;
      i = cls.end;
    } else {
      out += escapeChar(c);
      i++;
    }
  }
  return out;
}

function parseClass(p: string, start: number): { regex: string; end: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (p[i] === '!' || p[i] === '^') {
    negated = true;
    i++;
  }
  let body = '';
  let first = true;
  let prev: string | undefined; // the previous literal, for ranges
  while (i < p.length) {
    let c = p[i]!;
    if (c === ']' && !first) {
      // Classes never match "/" under WM_PATHNAME.
      return { regex: negated ? `[^/${body}]` : `(?!/)[${body}]`, end: i + 1 };
    }
    first = false;
    if (c === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      if (close < 0) return undefined;
      const name = p.slice(i + 2, close);
      const set = POSIX[name];
      if (set === undefined) return undefined; // git rejects unknown classes
      body += set;
      i = close + 2;
      prev = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      if (i >= p.length) return undefined;
      c = p[i]!;
    }
    if (c === '-' && prev !== undefined && p[i + 1] !== undefined && p[i + 1] !== ']') {
      let hi = p[i + 1]!;
      let step = 2;
      if (hi === '\\') {
        if (p[i + 2] === undefined) return undefined;
        hi = p[i + 2]!;
        step = 3;
      }
      if (hi < prev) {
        // git's wildmatch: a reversed range matches nothing; drop the start added before it.
        body = body.slice(0, body.length - escapeClassChar(prev).length);
      } else body += `-${escapeClassChar(hi)}`;
      prev = undefined;
      i += step;
      continue;
    }
    body += escapeClassChar(c);
    prev = c;
    i++;
  }
  return undefined;
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function escapeClassChar(c: string): string {
  return /[\]\\^-]/.test(c) ? `\\${c}` : c;
}

/** A string with one character per UTF-8 byte of `s`, for byte-wise matching like git's. */
export function toBytes(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, 'utf8').toString('latin1');
}
