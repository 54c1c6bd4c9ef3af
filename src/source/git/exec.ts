import { spawn } from 'node:child_process';
import { AbortedError, redactUrls, redactValues } from '../../core/index.ts';
import { TimeoutError, TooLargeError } from '../errors.ts';
import type { Pool } from './pool.ts';

/** One git invocation. Arguments go to `git` directly (no shell ever parses them). */
export interface GitCall {
  args: readonly string[];
  cwd?: string;
  /** Extra environment (credentials arrive this way, never as arguments). */
  env?: Readonly<Record<string, string>>;
  /** `key=value` config entries passed through GIT_CONFIG_* variables, invisible in `ps`. */
  config?: readonly (readonly [string, string])[];
  signal?: AbortSignal | undefined;
  /** Milliseconds; 0 or less for none. */
  timeoutMs?: number;
  /** Text written to git's stdin (otherwise stdin is closed). */
  stdin?: string;
  /** Largest stdout accepted, in bytes; more kills git with TooLargeError. */
  maxStdout?: number;
  /** Strings to scrub from anything reported (passwords, tokens, keys). */
  secrets?: readonly string[];
  /** What the call is about, first in every error message (a repository URL without credentials). */
  subject: string;
}

export interface GitOutput {
  stdout: Buffer;
  /** The tail of stderr, scrubbed of credentials. */
  stderr: string;
  exitCode: number;
}

export interface GitExecOptions {
  /** The git binary. */
  git: string;
  /** Isolated base environment (see `isolatedEnv`). */
  env: Readonly<Record<string, string>>;
  /** Config every call gets. */
  config: readonly (readonly [string, string])[];
  pool: Pool;
  /** Bytes of stderr kept (the tail, where git's fatal line is). */
  stderrLimit: number;
  /** Called once per process started, with the subcommand; for metrics and tests. */
  onSpawn?: (subcommand: string) => void;
}

/**
 * Runs git without a shell, inside the pool, with an AbortSignal and a timeout that kill the whole
 * process group (git's ssh and remote-helper children too). A non-zero exit is returned, not
 * thrown: callers classify git's words (`classify.ts`). Timeouts and aborts throw.
 */
export async function execGit(o: GitExecOptions, call: GitCall): Promise<GitOutput> {
  return o.pool.run(() => spawnGit(o, call), call.signal);
}

function spawnGit(o: GitExecOptions, call: GitCall): Promise<GitOutput> {
  const env: Record<string, string> = { ...o.env, ...call.env };
  const config = [...o.config, ...(call.config ?? [])];
  env['GIT_CONFIG_COUNT'] = String(config.length);
  config.forEach(([k, v], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = k;
    env[`GIT_CONFIG_VALUE_${i}`] = v;
  });
  const secrets = call.secrets ?? [];
  const scrub = (s: string): string => redactUrls(redactValues(s, secrets));
  const subcommand = subcommandOf(call.args);
  return new Promise<GitOutput>((resolve, reject) => {
    if (call.signal?.aborted) return reject(new AbortedError(`${call.subject}: git ${subcommand} aborted`));
    const child = spawn(o.git, call.args, {
      cwd: call.cwd,
      env,
      stdio: [call.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
      shell: false,
    });
    o.onSpawn?.(subcommand);
    if (call.stdin !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(call.stdin);
    }
    const out: Buffer[] = [];
    let outLen = 0;
    let err = '';
    let failure: Error | undefined;
    const kill = (why: Error): void => {
      failure ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const maxStdout = call.maxStdout ?? 256 * 1024 * 1024;
    child.stdout!.on('data', (chunk: Buffer) => {
      outLen += chunk.length;
      if (outLen > maxStdout) {
        kill(new TooLargeError(`${call.subject}: git ${subcommand} output exceeds ${maxStdout} bytes`));
        return;
      }
      out.push(chunk);
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      err += chunk;
      if (err.length > o.stderrLimit * 2) err = err.slice(-o.stderrLimit);
    });
    const timer =
      call.timeoutMs !== undefined && call.timeoutMs > 0
        ? setTimeout(
            () =>
              kill(
                new TimeoutError(`${call.subject}: git ${subcommand} timed out after ${call.timeoutMs} ms`),
              ),
            call.timeoutMs,
          )
        : undefined;
    const onAbort = (): void =>
      kill(new AbortedError(`${call.subject}: git ${subcommand} aborted`, { cause: call.signal?.reason }));
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      if (timer) clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (e) => {
      done();
      reject(failure ?? e);
    });
    child.on('close', (code, signal) => {
      done();
      if (failure) return reject(failure);
      resolve({
        stdout: Buffer.concat(out),
        stderr: scrub(err.slice(-o.stderrLimit)),
        exitCode: code ?? (signal ? 128 : 1),
      });
    });
  });
}

/**
 * An environment that ignores the user's and the system's git and ssh configuration: no
 * `/etc/gitconfig`, a private HOME and global config, no terminal prompts, no ssh agent, C locale
 * (so git's messages can be classified), only the transports Capstan supports.
 */
export function isolatedEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: `${home}/.config`,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: `${home}/.gitconfig`,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ALLOW_PROTOCOL: 'https:http:ssh:git:file',
    GIT_SSH_VARIANT: 'ssh',
    LC_ALL: 'C',
    LANG: 'C',
  };
  if (process.env['TMPDIR']) env['TMPDIR'] = process.env['TMPDIR'];
  return env;
}

/** Config every git call gets: no hooks, no automatic gc, quiet, trusting our own cache dirs. */
export const BASE_CONFIG: readonly (readonly [string, string])[] = [
  ['safe.directory', '*'],
  ['core.hooksPath', '/dev/null'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['init.defaultBranch', 'master'],
  ['advice.detachedHead', 'false'],
  ['protocol.version', '2'],
  ['core.fsmonitor', 'false'],
  ['credential.helper', ''],
];

/** The git subcommand in `args`, skipping global options and their values. */
export function subcommandOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--git-dir' || a === '--work-tree' || a === '-C' || a === '-c') i++;
    else if (!a.startsWith('-')) return a;
  }
  return '';
}
