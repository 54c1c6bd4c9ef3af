/** Key/value sources of generators (api/kv): `envs` files, `literals`, then `files`. */
import { basename } from 'node:path/posix';
import { KustomizeError, wrap } from '../errors.ts';
import type { Loader } from '../loader.ts';
import type { GeneratorArgs } from '../kustomization.ts';

export interface Pair {
  key: string;
  value: string;
  /** The raw bytes were not valid UTF-8 (goes to binaryData, base64). */
  binary?: Buffer;
}

function removeQuotes(s: string): string {
  if (s.length < 2 || s[0] !== s[s.length - 1]) return s;
  return s[0] === '"' || s[0] === "'" ? s.slice(1, -1) : s;
}

function literal(source: string): Pair {
  if (source.indexOf('=') === 0 || !source.includes('=')) {
    throw new KustomizeError(`invalid literal source ${source}, expected key=value`);
  }
  const i = source.indexOf('=');
  return { key: source.slice(0, i), value: removeQuotes(source.slice(i + 1)) };
}

export function parseFileSource(source: string): { key: string; path: string } {
  const n = source.split('=').length - 1;
  if (n === 0) return { key: basename(source), path: source };
  if (n === 1 && source.startsWith('=')) {
    throw new KustomizeError(`missing key name for file path "${source.slice(1)}" in source "${source}"`);
  }
  if (n === 1 && source.endsWith('=')) {
    throw new KustomizeError(`missing file path for key name "${source.slice(0, -1)}" in source "${source}"`);
  }
  if (n > 1) throw new KustomizeError(`source "${source}" key name or file path contains '='`);
  const [key = '', path = ''] = source.split('=');
  return { key, path };
}

function envLines(content: string): Pair[] {
  const out: Pair[] = [];
  // bufio.Scanner lines: split on \n, drop a trailing \r.
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, n) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (n === 0 && line.startsWith('\ufeff')) line = line.slice(1);
    line = line.replace(/^\s+/u, '');
    if (line.length === 0 || line[0] === '#') return;
    const i = line.indexOf('=');
    const key = i < 0 ? line : line.slice(0, i);
    out.push({ key, value: i < 0 ? '' : line.slice(i + 1) });
  });
  return out.filter((p) => p.key.length > 0);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function loadPairs(ldr: Loader, args: GeneratorArgs): Pair[] {
  const all: Pair[] = [];
  try {
    for (const p of args.envs ?? []) all.push(...envLines(ldr.load(p)));
  } catch (err) {
    throw wrap(err, `env source files: [${(args.envs ?? []).join(' ')}]`);
  }
  try {
    for (const s of args.literals ?? []) all.push(literal(s));
  } catch (err) {
    throw wrap(err, `literal sources [${(args.literals ?? []).join(' ')}]`);
  }
  try {
    for (const s of args.files ?? []) {
      const { key, path } = parseFileSource(s);
      const bytes = ldr.loadBytes(path);
      try {
        all.push({ key, value: UTF8.decode(bytes) });
      } catch {
        all.push({ key, value: '', binary: bytes });
      }
    }
  } catch (err) {
    throw wrap(err, `file sources: [${(args.files ?? []).join(' ')}]`);
  }
  return all;
}
