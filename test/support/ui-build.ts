// Builds the web UI with Vite's JS API, so a browser test always runs the UI of the current
// source (never a stale ui/dist). The build is cached under node_modules/.cache/capstan-ui/<hash
// of the UI's sources and the lockfile>: the browser test files run in parallel and would
// otherwise each spend ~10 s of CPU building the same thing. The first file to get the lock
// (an atomic mkdir) builds into a scratch dir and renames it into place; the others wait for it.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from 'vite';

export const UI_CONFIG = new URL('../../ui/vite.config.ts', import.meta.url).pathname;
const REPO = new URL('../../', import.meta.url).pathname;
const UI = join(REPO, 'ui');
const CACHE = join(REPO, 'node_modules', '.cache', 'capstan-ui');

export interface BuiltUi {
  dir: string;
  /** Nothing to remove: the build stays cached for the next test file or run. */
  remove: () => Promise<void>;
}

export interface BuildUiOptions {
  /** How long to wait for another process's build of the same sources. */
  waitMs: number;
}

export const defaultBuildUiOptions: BuildUiOptions = { waitMs: 180_000 };

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sourceFiles(p)));
    else out.push(p);
  }
  return out.sort();
}

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const f of [...(await sourceFiles(UI)), join(REPO, 'package-lock.json')]) {
    hash
      .update(relative(REPO, f))
      .update('\0')
      .update(await readFile(f))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

export async function buildUi(options: Partial<BuildUiOptions> = {}): Promise<BuiltUi> {
  const o = { ...defaultBuildUiOptions, ...options };
  const dir = join(CACHE, await sourceHash());
  const result: BuiltUi = { dir, remove: () => Promise.resolve() };
  if (await exists(join(dir, 'index.html'))) return result;
  await mkdir(CACHE, { recursive: true });
  const lock = `${dir}.lock`;
  const deadline = Date.now() + o.waitMs;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (await exists(join(dir, 'index.html'))) return result;
      // A lock older than the wait is a crashed build: take it over.
      const age =
        Date.now() -
        (await stat(lock).then(
          (s) => s.mtimeMs,
          () => Date.now(),
        ));
      if (age > o.waitMs) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`ui build: timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const scratch = `${dir}.${process.pid}`;
  try {
    if (await exists(join(dir, 'index.html'))) return result;
    await build({ configFile: UI_CONFIG, logLevel: 'warn', build: { outDir: scratch, emptyOutDir: true } });
    await rm(dir, { recursive: true, force: true });
    await rename(scratch, dir);
    // Builds of older sources are never used again.
    for (const old of await readdir(CACHE))
      if (/^[0-9a-f]{16}$/.test(old) && join(CACHE, old) !== dir)
        await rm(join(CACHE, old), { recursive: true, force: true });
    return result;
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await rm(lock, { recursive: true, force: true });
  }
}
