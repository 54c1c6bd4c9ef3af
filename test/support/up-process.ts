/**
 * `capstan up` as a child process, the way a newcomer runs it: its own HOME (so the stored CLI
 * context and kubectl's cache stay in the test's directory), waits for the `ready` line.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const BIN = new URL('../../bin/capstan.js', import.meta.url).pathname;

export interface UpProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGINT, then the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function upProcess(args: string[], home: string, timeoutMs = 90_000): Promise<UpProcess> {
  const child = spawn(process.execPath, [BIN, 'up', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: '', CAPSTAN_CONFIG: '' },
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (s: string) => (out += s));
  child.stderr.on('data', (s: string) => (out += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`capstan up did not get ready:\n${out}`));
    }, timeoutMs);
    child.stdout.on('data', () => {
      const m = /ready: UI and API at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`capstan up exited (${code}) before it was ready:\n${out}`));
    });
  });
  return {
    child,
    url,
    output: () => out,
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/** Polls `probe` until it returns a value (not undefined), or fails with the last state seen. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached in ${timeoutMs} ms (last error: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
