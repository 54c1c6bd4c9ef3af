import { lstatSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_PATTERNS, IGNORE_FILE, VCS_PATTERNS } from './defaults.ts';
import { IgnoreMatcher } from './matcher.ts';

export interface TreeEntry {
  /** Relative, `/`-separated. */
  path: string;
  type: 'dir' | 'file' | 'symlink';
  size: number;
  executable: boolean;
}

export interface FilterOptions {
  /** `spec.ignore`: gitignore lines applied after every `.sourceignore` (they can re-include with `!`). */
  ignore?: string | undefined;
  /** Apply Flux's default exclusions (VCS files always; the rest only without user patterns). */
  fluxDefaults?: boolean;
}

/** Every entry below `root`, depth-first, children in byte order of their names, symlinks not followed. */
export async function listTree(root: string): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  // One directory at a time synchronously (a thread-pool round trip per lstat costs more than the
  // lstat), yielding to the event loop between directories.
  const visit = async (dir: string, rel: string): Promise<void> => {
    await new Promise<void>((r) => setImmediate(r));
    const dirents = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byBytes(a.name, b.name));
    for (const d of dirents) {
      const path = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        out.push({ path, type: 'dir', size: 0, executable: false });
        await visit(join(dir, d.name), path);
      } else if (d.isSymbolicLink()) {
        out.push({ path, type: 'symlink', size: 0, executable: false });
      } else if (d.isFile()) {
        const st = lstatSync(join(dir, d.name));
        out.push({ path, type: 'file', size: st.size, executable: (st.mode & 0o111) !== 0 });
      }
    }
  };
  await visit(root, '');
  return out;
}

/**
 * The entries that survive `.sourceignore` files (each scoped to its directory), `spec.ignore`
 * and Flux's defaults, with git's rule that nothing below an excluded directory comes back.
 */
export async function filterTree(
  root: string,
  entries: readonly TreeEntry[],
  options: FilterOptions,
): Promise<TreeEntry[]> {
  const files = new IgnoreMatcher();
  for (const e of entries) {
    if (e.type !== 'file' || !(e.path === IGNORE_FILE || e.path.endsWith(`/${IGNORE_FILE}`))) continue;
    const base = e.path.slice(0, Math.max(0, e.path.length - IGNORE_FILE.length - 1));
    files.addLines(await readFile(join(root, e.path), 'utf8'), base);
  }
  const spec = new IgnoreMatcher();
  if (options.ignore) spec.addLines(options.ignore);
  const matcher = new IgnoreMatcher();
  if (options.fluxDefaults !== false) {
    matcher.addLines(VCS_PATTERNS.join('\n'));
    if (files.patterns.length === 0 && spec.patterns.length === 0)
      matcher.addLines(DEFAULT_PATTERNS.join('\n'));
  }
  matcher.patterns.push(...files.patterns, ...spec.patterns);
  const kept: TreeEntry[] = [];
  let skipping: string | undefined;
  for (const e of entries) {
    if (skipping !== undefined && e.path.startsWith(skipping)) continue;
    skipping = undefined;
    if (matcher.ignores(e.path, e.type === 'dir')) {
      if (e.type === 'dir') skipping = `${e.path}/`;
      continue;
    }
    kept.push(e);
  }
  return kept;
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
