/**
 * jq path expressions for `ignoreDifferences.jqPathExpressions`, evaluated by real jq in a worker
 * thread. Argo CD runs `del(<expr>)` with a 1 s timeout; we ask jq for `[path(<expr>)]` instead, so
 * the same paths serve both ignoring (delete them) and RespectIgnoreDifferences (copy them from live).
 * A timed-out expression terminates the worker; the next call starts a fresh one.
 */
import { Worker } from 'node:worker_threads';
import { AbortedError, CapstanError } from '../../core/index.ts';
import type { Path } from '../object/path.ts';
import type { JqOutcome, JqReply, JqRequest } from './jq-worker.ts';

export interface JqOptions {
  signal: AbortSignal;
  /** Per request, as Argo CD's `ignore.normalizer.jq.timeout` (default 1 s). */
  timeoutMs?: number;
}

export const defaultJqTimeoutMs = 1000;

export class JqTimeoutError extends CapstanError {
  constructor(message: string) {
    super(message, { code: 'JQ_TIMEOUT' });
  }
}

/** One expression's result: its paths in the document, or jq's error message. */
export type JqPaths = { paths: Path[] } | { error: string };

interface Pending {
  resolve: (r: JqOutcome[]) => void;
  reject: (e: Error) => void;
  request: JqRequest;
  timeoutMs: number;
  timer?: NodeJS.Timeout;
}

export class JqEngine {
  #worker: Worker | undefined;
  #ready = false;
  #nextId = 1;
  #pending = new Map<number, Pending>();

  /** Evaluates each expression against `doc` and returns the paths it selects. */
  async paths(doc: unknown, exprs: readonly string[], options: JqOptions): Promise<JqPaths[]> {
    if (exprs.length === 0) return [];
    options.signal.throwIfAborted();
    const request: JqRequest = { id: this.#nextId++, doc, exprs: [...exprs] };
    const timeoutMs = options.timeoutMs ?? defaultJqTimeoutMs;
    const results = await new Promise<JqOutcome[]>((resolve, reject) => {
      const onAbort = () => this.#fail(request.id, new AbortedError('jq evaluation aborted'));
      options.signal.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(request.id, {
        request,
        timeoutMs,
        resolve: (r) => (options.signal.removeEventListener('abort', onAbort), resolve(r)),
        reject: (e) => (options.signal.removeEventListener('abort', onAbort), reject(e)),
      });
      this.#start();
      if (this.#ready) this.#send(request.id);
    });
    return results;
  }

  /** Stops the worker; pending calls reject. */
  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = undefined;
    this.#ready = false;
    for (const id of [...this.#pending.keys()]) this.#fail(id, new AbortedError('jq engine closed'));
    if (w) await w.terminate();
  }

  #start(): void {
    if (this.#worker) {
      this.#worker.ref();
      return;
    }
    const w = new Worker(new URL('./jq-worker.ts', import.meta.url));
    this.#worker = w;
    w.on('message', (msg: JqReply | { ready: true }) => {
      if ('ready' in msg) {
        this.#ready = true;
        for (const id of this.#pending.keys()) this.#send(id);
        return;
      }
      const p = this.#pending.get(msg.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.#pending.delete(msg.id);
      this.#idle();
      p.resolve(msg.results);
    });
    w.on('error', (err: Error) => this.#crash(w, err));
    w.on('exit', (code) => this.#crash(w, new Error(`jq worker exited with code ${code}`)));
  }

  #send(id: number): void {
    const p = this.#pending.get(id);
    if (!p || p.timer || !this.#worker) return;
    p.timer = setTimeout(() => {
      const secs = `${p.timeoutMs / 1000}s`;
      // jq cannot be interrupted from outside: drop the worker and everything queued on it.
      void this.#restart(id, new JqTimeoutError(`JQ patch execution timed out (${secs})`));
    }, p.timeoutMs);
    this.#worker.postMessage(p.request);
  }

  async #restart(timedOut: number, err: Error): Promise<void> {
    const w = this.#worker;
    this.#worker = undefined;
    this.#ready = false;
    this.#fail(timedOut, err);
    const others = [...this.#pending.keys()];
    for (const id of others) {
      const p = this.#pending.get(id);
      if (!p) continue;
      clearTimeout(p.timer);
      p.timer = undefined;
    }
    if (w) await w.terminate();
    if (others.length > 0) this.#start();
  }

  #crash(w: Worker, err: Error): void {
    if (this.#worker !== w) return;
    this.#worker = undefined;
    this.#ready = false;
    for (const id of [...this.#pending.keys()]) this.#fail(id, err);
  }

  #fail(id: number, err: Error): void {
    const p = this.#pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.#pending.delete(id);
    this.#idle();
    p.reject(err);
  }

  /** An idle worker must not keep the process alive. */
  #idle(): void {
    if (this.#pending.size === 0) this.#worker?.unref();
  }
}

let shared: JqEngine | undefined;

/** The process-wide engine: one worker, started on first use. */
export function sharedJqEngine(): JqEngine {
  shared ??= new JqEngine();
  return shared;
}
