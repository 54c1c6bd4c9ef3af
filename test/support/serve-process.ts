/**
 * `capstan cluster serve` as a child process, the way a user runs it: waits for its `ready`
 * line and reads the kubeconfig it wrote.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

const BIN = new URL('../../bin/capstan.js', import.meta.url).pathname;

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  kubeconfigPath: string;
  token: string;
  ca: string | undefined;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the server; rejects (with its output) if it exits or stays silent instead of getting ready. */
export async function serveProcess(args: string[], timeoutMs = 20_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'cluster', 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (s: string) => (out += s));
  child.stderr.on('data', (s: string) => (out += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`capstan cluster serve did not get ready:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const m = /ready at (\S+) \(kubeconfig: (.+)\)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout.on('data', check);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`capstan cluster serve exited (${code}) before it was ready:\n${out}`));
    });
  });
  const kubeconfigPath = ready[2]!;
  const kubeconfig = parse(await readFile(kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { 'certificate-authority-data'?: string } }[];
    users: { user: { token: string } }[];
  };
  const caData = kubeconfig.clusters[0]?.cluster['certificate-authority-data'];
  return {
    child,
    url: ready[1]!,
    kubeconfigPath,
    token: kubeconfig.users[0]!.user.token,
    ca: caData ? Buffer.from(caData, 'base64').toString('utf8') : undefined,
    output: () => out,
    exited,
  };
}

/** Runs `capstan cluster serve` expecting it to fail; resolves with its exit code and output. */
export function serveFailure(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'cluster', 'serve', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (s: Buffer) => (out += s.toString()));
    child.stderr.on('data', (s: Buffer) => (out += s.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output: out });
    });
  });
}
