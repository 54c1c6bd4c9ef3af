/**
 * The demo Git repository: an ordinary (non-bare) repository under the data dir, so a newcomer
 * can `cd` into it, edit, commit and `git revert`; the API server serves it read-only over smart
 * HTTP at `/git/demo` (Flux's GitRepository accepts only http(s) and ssh URLs). Made once;
 * a restart leaves its history alone.
 */
import { execFile } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { demoFiles } from './files.ts';

const run = promisify(execFile);

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

async function git(dir: string, args: string[], signal: AbortSignal): Promise<void> {
  await run('git', ['-C', dir, '-c', 'user.name=Capstan', '-c', 'user.email=demo@capstan.invalid', ...args], {
    signal,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });
}

/** Creates the repository at `dir` when it does not exist. */
export async function ensureDemoRepository(dir: string, signal: AbortSignal): Promise<void> {
  if (!(await exists(join(dir, '.git')))) {
    await mkdir(dir, { recursive: true });
    await git(dir, ['init', '--quiet', '--initial-branch=main'], signal);
    for (const [path, text] of Object.entries(demoFiles())) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    await git(dir, ['add', '--all'], signal);
    await git(dir, ['commit', '--quiet', '-m', 'Demo app: web Deployment, Service and ConfigMap'], signal);
  }
}
