import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitAuth } from '../auth/types.ts';
import { authSecrets } from '../auth/types.ts';
import type { GitUrl } from '../url.ts';
import { classifyGitFailure } from './classify.ts';
import { openAuthSession } from './credentials.ts';
import {
  BASE_CONFIG,
  execGit,
  isolatedEnv,
  subcommandOf,
  type GitExecOptions,
  type GitOutput,
} from './exec.ts';
import { Pool } from './pool.ts';
import type { GitRequestEvent } from '../options.ts';

export interface RunnerOptions {
  git: string;
  /** Private working area: HOME, temp files for credentials. */
  stateDir: string;
  maxProcesses: number;
  stderrLimit: number;
  timeoutMs: number;
  /** After each remote command: repository, subcommand, seconds, success. */
  onRemote: (event: GitRequestEvent) => void;
}

export interface RunOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  cwd?: string;
  env?: Record<string, string>;
  maxStdout?: number;
  /** Text written to git's stdin. */
  stdin?: string;
}

/**
 * The one door to git: isolated environment, bounded pool, credentials per call, errors
 * classified and scrubbed. Counts processes per subcommand for metrics and tests.
 */
export class GitRunner {
  readonly options: RunnerOptions;
  readonly spawned = new Map<string, number>();
  #exec: GitExecOptions | undefined;
  #ready: Promise<void> | undefined;

  constructor(options: RunnerOptions) {
    this.options = options;
  }

  #init(): Promise<void> {
    this.#ready ??= (async () => {
      const home = join(this.options.stateDir, 'home');
      await mkdir(join(this.options.stateDir, 'tmp'), { recursive: true, mode: 0o700 });
      await mkdir(home, { recursive: true, mode: 0o700 });
      await writeFile(join(home, '.gitconfig'), '');
      this.#exec = {
        git: this.options.git,
        env: isolatedEnv(home),
        config: BASE_CONFIG,
        pool: new Pool(this.options.maxProcesses),
        stderrLimit: this.options.stderrLimit,
        onSpawn: (sub) => this.spawned.set(sub, (this.spawned.get(sub) ?? 0) + 1),
      };
    })();
    return this.#ready;
  }

  /** A local command (no network, no credentials); a non-zero exit throws a classified error. */
  async local(subject: string, args: string[], o: RunOptions = {}): Promise<GitOutput> {
    const out = await this.tryLocal(subject, args, o);
    if (out.exitCode !== 0)
      throw classifyGitFailure(subject, `git ${args[0] ?? ''}`, out.stderr, out.exitCode);
    return out;
  }

  /** A local command whose non-zero exit the caller interprets. */
  async tryLocal(subject: string, args: string[], o: RunOptions = {}): Promise<GitOutput> {
    await this.#init();
    return execGit(this.#exec!, {
      args,
      subject,
      signal: o.signal,
      timeoutMs: o.timeoutMs ?? this.options.timeoutMs,
      ...(o.cwd ? { cwd: o.cwd } : {}),
      ...(o.env ? { env: o.env } : {}),
      ...(o.maxStdout ? { maxStdout: o.maxStdout } : {}),
      ...(o.stdin !== undefined ? { stdin: o.stdin } : {}),
    });
  }

  /**
   * A command that talks to `url` with `auth`. `args` may contain the placeholder `{remote}` for
   * the URL git should use. Returns the output, or the non-zero exit when `allowFailure`.
   */
  async remote(
    url: GitUrl,
    auth: GitAuth | undefined,
    operation: string,
    args: string[],
    o: RunOptions & { allowFailure?: boolean } = {},
  ): Promise<GitOutput> {
    await this.#init();
    const session = await openAuthSession(url, auth, join(this.options.stateDir, 'tmp'));
    const secrets = authSecrets(auth);
    if (url.embedded?.password) secrets.push(url.embedded.password);
    const started = performance.now();
    let ok = false;
    try {
      const out = await execGit(this.#exec!, {
        args: args.map((a) => (a === '{remote}' ? url.remote : a)),
        subject: url.display,
        signal: o.signal,
        timeoutMs: o.timeoutMs ?? this.options.timeoutMs,
        env: { ...session.env, ...o.env },
        config: session.config,
        secrets,
        ...(o.cwd ? { cwd: o.cwd } : {}),
        ...(o.maxStdout ? { maxStdout: o.maxStdout } : {}),
      });
      if (out.exitCode !== 0 && !o.allowFailure) {
        const err = classifyGitFailure(url.display, operation, out.stderr, out.exitCode);
        if (err.code === 'SOURCE_HOST_KEY_FAILED' && !session.knownHosts) {
          err.message += ' (no known_hosts were given for this repository)';
        }
        throw err;
      }
      ok = out.exitCode === 0;
      return out;
    } finally {
      this.options.onRemote({
        repo: url.display,
        requestType: subcommandOf(args),
        seconds: (performance.now() - started) / 1000,
        ok,
      });
      await session.dispose();
    }
  }
}
