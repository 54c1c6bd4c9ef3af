import { link, mkdir, readlink, symlink, copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TreeEntry } from '../ignore/walk.ts';

/**
 * Copies `entries` of `from` into `to` under `prefix`, hard-linking files (checkouts are immutable,
 * so sharing inodes is safe and costs no space) and recreating symlinks as they are.
 */
export async function copyEntries(
  from: string,
  entries: readonly TreeEntry[],
  to: string,
  prefix: string,
  strip = '',
): Promise<void> {
  for (const e of entries) {
    if (strip && e.path !== strip && !e.path.startsWith(`${strip}/`)) continue;
    const rel = strip ? e.path.slice(strip.length).replace(/^\//, '') : e.path;
    if (rel === '') continue;
    const dst = join(to, prefix, rel);
    const src = join(from, e.path);
    if (e.type === 'dir') {
      await mkdir(dst, { recursive: true });
      continue;
    }
    await mkdir(dirname(dst), { recursive: true });
    if (e.type === 'symlink') {
      await symlink(await readlink(src), dst);
    } else {
      await link(src, dst).catch(() => copyFile(src, dst));
    }
  }
}
