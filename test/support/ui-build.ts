// Builds the web UI with Vite's JS API into a temporary directory, so a browser test always runs
// the UI of the current source (never a stale ui/dist), and parallel test files never share output.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

export const UI_CONFIG = new URL('../../ui/vite.config.ts', import.meta.url).pathname;

export interface BuiltUi {
  dir: string;
  remove: () => Promise<void>;
}

export async function buildUi(): Promise<BuiltUi> {
  const dir = await mkdtemp(join(tmpdir(), 'capstan-ui-'));
  try {
    await build({ configFile: UI_CONFIG, logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
