/**
 * The CLI's stored contexts (like `~/.config/argocd/config`): which Capstan server later
 * commands talk to and the session token `capstan login` (or `capstan up`) got for it. One JSON
 * file, mode 0600 because it holds a token: `$CAPSTAN_CONFIG`, else
 * `$XDG_CONFIG_HOME/capstan/config.json`, else `~/.config/capstan/config.json`.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CapstanError } from '../core/index.ts';

export interface CliContext {
  /** `http://127.0.0.1:8080`. */
  server: string;
  /** The session JWT; absent after logout. */
  token?: string;
  username?: string;
  /** The kubeconfig of the cluster behind this server, when Capstan started it. */
  kubeconfig?: string;
}

export interface CliConfig {
  currentContext: string | undefined;
  contexts: Record<string, CliContext>;
}

export function cliConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env['CAPSTAN_CONFIG']) return env['CAPSTAN_CONFIG'];
  const base = env['XDG_CONFIG_HOME'] || join(env['HOME'] || homedir(), '.config');
  return join(base, 'capstan', 'config.json');
}

export async function readCliConfig(path = cliConfigPath()): Promise<CliConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { currentContext: undefined, contexts: {} };
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as Partial<CliConfig>;
    return { currentContext: parsed.currentContext, contexts: parsed.contexts ?? {} };
  } catch (err) {
    throw new CapstanError(`${path}: not a Capstan CLI config: ${(err as Error).message}`, {
      code: 'InvalidConfig',
    });
  }
}

/** Writes atomically (a crash leaves the old file or the new one, never half). */
export async function writeCliConfig(config: CliConfig, path = cliConfigPath()): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  await rename(tmp, path);
}

/** Stores (or replaces) a context and makes it current. */
export async function saveCliContext(
  name: string,
  context: CliContext,
  path = cliConfigPath(),
): Promise<void> {
  const config = await readCliConfig(path);
  config.contexts[name] = context;
  config.currentContext = name;
  await writeCliConfig(config, path);
}
