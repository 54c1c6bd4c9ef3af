// Locates the shared data directory (conformance cases) from the repository root, as the brief
// prescribes: `../shared` beside the repository, else `/work/shared`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

export function sharedDir(): string {
  const beside = resolve(repoRoot, '..', 'shared');
  return existsSync(beside) ? beside : '/work/shared';
}
