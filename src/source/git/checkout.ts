import { linkSync, mkdirSync, readdirSync } from 'node:fs';
import { access, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TooLargeError } from '../errors.ts';
import type { KeyedLock } from './pool.ts';
import type { GitRunner } from './runner.ts';

export interface CheckoutLimits {
  /** Largest single file, bytes. */
  maxFileSize: number;
  /** Largest sum of file sizes, bytes. */
  maxTotalSize: number;
}

export interface TreeBlob {
  mode: string;
  type: string;
  size: number;
  path: string;
}

/** The commit's tree as `git ls-tree -r -l` lists it (gitlinks included, sizes of blobs). */
export async function listCommitTree(
  runner: GitRunner,
  subject: string,
  mirror: string,
  commit: string,
  signal?: AbortSignal,
): Promise<TreeBlob[]> {
  const out = await runner.local(
    subject,
    ['--git-dir', mirror, 'ls-tree', '-r', '-l', '-z', '--full-tree', commit],
    { signal },
  );
  const blobs: TreeBlob[] = [];
  for (const rec of out.stdout.toString('utf8').split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode = '', type = '', , size = '-'] = rec.slice(0, tab).split(/\s+/);
    blobs.push({ mode, type, size: size === '-' ? 0 : Number(size), path: rec.slice(tab + 1) });
  }
  return blobs;
}

/** Refuses trees with a file or a total above the limits, before anything is written. */
export function checkTreeSize(
  subject: string,
  commit: string,
  blobs: readonly TreeBlob[],
  limits: CheckoutLimits,
): void {
  let total = 0;
  for (const b of blobs) {
    if (b.size > limits.maxFileSize) {
      throw new TooLargeError(
        `${subject}: commit ${commit}: file ${b.path} is ${b.size} bytes, above the ${limits.maxFileSize}-byte limit`,
      );
    }
    total += b.size;
  }
  if (total > limits.maxTotalSize) {
    throw new TooLargeError(
      `${subject}: commit ${commit}: files total ${total} bytes, above the ${limits.maxTotalSize}-byte limit`,
    );
  }
}

/**
 * Writes the tree of `commit` into `<dir>/<name>` once: built in a temporary directory with a
 * private index (so concurrent checkouts from one mirror never share state) and renamed into place,
 * so a checkout is either complete or absent. Returns its path.
 */
export async function checkoutCommit(
  runner: GitRunner,
  locks: KeyedLock,
  o: {
    subject: string;
    mirror: string;
    commit: string;
    dir: string;
    tmpDir: string;
    name: string;
    signal?: AbortSignal | undefined;
    /** An earlier checkout from the same mirror: unchanged files are hard-linked from it. */
    base?: { dir: string; commit: string } | undefined;
  },
): Promise<string> {
  const target = join(o.dir, o.name);
  if (await exists(target)) return target;
  return locks.run(target, async () => {
    if (await exists(target)) return target;
    await mkdir(o.dir, { recursive: true });
    await mkdir(o.tmpDir, { recursive: true });
    const tmp = await mkdtemp(join(o.tmpDir, 'checkout-'));
    try {
      const tree = join(tmp, 'tree');
      await mkdir(tree);
      const env = { GIT_INDEX_FILE: join(tmp, 'index') };
      const base = ['--git-dir', o.mirror, '--work-tree', tree];
      await runner.local(o.subject, [...base, 'read-tree', o.commit], { env, signal: o.signal });
      const changed = o.base
        ? await linkUnchanged(runner, o.subject, o.mirror, o.base, o.commit, tree, o.signal)
        : undefined;
      if (changed === undefined) {
        await runner.local(o.subject, [...base, 'checkout-index', '--all', '--force'], {
          env,
          signal: o.signal,
          cwd: tree,
        });
      } else if (changed.length > 0) {
        // Only what differs from the base is written by git; `--stdin` keeps paths off the command line.
        await runner.local(o.subject, [...base, 'checkout-index', '--force', '-z', '--stdin'], {
          env,
          signal: o.signal,
          cwd: tree,
          stdin: changed.join('\0') + '\0',
        });
      }
      await rename(tree, target);
      return target;
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
}

/**
 * Hard-links every file of `base` that `commit` did not change into `tree` (checkouts are
 * immutable, so sharing inodes is safe), and returns the paths git must write: changed or added
 * in `commit`. Undefined when the base cannot be used (then everything is checked out).
 */
async function linkUnchanged(
  runner: GitRunner,
  subject: string,
  mirror: string,
  base: { dir: string; commit: string },
  commit: string,
  tree: string,
  signal?: AbortSignal,
): Promise<string[] | undefined> {
  if (!(await exists(base.dir))) return undefined;
  const diff = await runner.tryLocal(
    subject,
    ['--git-dir', mirror, 'diff-tree', '-r', '-z', '--no-renames', '--no-commit-id', base.commit, commit],
    { signal },
  );
  if (diff.exitCode !== 0) return undefined;
  const fields = diff.stdout.toString('utf8').split('\0');
  const touched = new Set<string>();
  const write: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = fields[i]!;
    const path = fields[i + 1]!;
    if (!meta.startsWith(':')) break;
    touched.add(path);
    const [, dstMode, , , status] = meta.slice(1).split(' ');
    // Gitlinks (submodules) have no content in this tree.
    if (status !== 'D' && dstMode !== '160000') write.push(path);
  }
  const made = new Set<string>();
  const walk = (dir: string, rel: string): void => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(join(dir, d.name), path);
      else if (!touched.has(path)) {
        // Directories are made on demand so that none is left empty by deletions.
        if (rel && !made.has(rel)) {
          mkdirSync(join(tree, rel), { recursive: true });
          made.add(rel);
        }
        linkSync(join(dir, d.name), join(tree, path));
      }
    }
  };
  try {
    walk(base.dir, '');
  } catch {
    // The base vanished mid-walk (collected): start again from an empty tree, so that git never
    // writes through a link into another checkout.
    await rm(tree, { recursive: true, force: true });
    await mkdir(tree);
    return undefined;
  }
  return write;
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}
