/**
 * One Server-Sent Events connection in docs/api.md §10's format: `: connected` first, each
 * message `data: {"result": …}` and a blank line, a `: ping` comment every 15 s so proxies and
 * clients see a live connection, and `data: {"error": …}` before the server ends a stream whose
 * session expired or was revoked.
 *
 * Backpressure: while the socket will not take more, messages wait in a queue; a client that
 * lets more than `maxQueued` messages wait is closed (it reconnects and lists again, which
 * costs less than buffering without bound).
 */
import type { ServerResponse } from 'node:http';

export interface SseStreamOptions {
  pingIntervalMs: number;
  maxQueued: number;
  /** Turns a message body into text; the server masks Secrets here. */
  serialize: (body: unknown) => string;
  /** Checked at every ping; false ends the stream with the session error. */
  sessionValid?: () => Promise<boolean>;
  /** Unix ms at which the session ends by itself. */
  sessionExpiresAt?: number;
  /** Called once, when the stream has ended for any reason. */
  onClose?: (reason: SseCloseReason) => void;
}

export type SseCloseReason = 'client' | 'server' | 'session' | 'slow';

export const SESSION_EXPIRED = { code: 16, message: 'session expired', error: 'session expired' };

export class SseStream {
  readonly #res: ServerResponse;
  readonly #o: SseStreamOptions;
  readonly #queue: string[] = [];
  #blocked = false;
  #closed = false;
  readonly #timers: NodeJS.Timeout[] = [];

  constructor(res: ServerResponse, options: SseStreamOptions) {
    this.#res = res;
    this.#o = options;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
    });
    res.on('close', () => this.end('client'));
    res.on('drain', () => this.flush());
    this.write(': connected\n\n');
    this.#timers.push(setInterval(() => this.ping(), options.pingIntervalMs));
    if (options.sessionExpiresAt !== undefined) {
      const ms = Math.max(0, options.sessionExpiresAt - Date.now());
      // setTimeout's limit is ~24.8 days; a longer session is left to the ping check.
      if (ms < 2 ** 31 - 1) this.#timers.push(setTimeout(() => this.endSession(), ms));
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Messages waiting for the socket. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Sends `{"result": result}`. */
  send(result: unknown): void {
    if (!this.#closed) this.write(`data: ${this.#o.serialize({ result })}\n\n`);
  }

  /** Ends the stream; with `error`, sends it as the last message first. */
  close(error?: { code: number; message: string; error: string }): void {
    if (this.#closed) return;
    if (error) this.#res.write(`data: ${JSON.stringify({ error })}\n\n`);
    this.end('server');
  }

  private write(chunk: string): void {
    if (this.#closed) return;
    if (this.#blocked) {
      if (this.#queue.length >= this.#o.maxQueued) {
        this.end('slow');
        return;
      }
      this.#queue.push(chunk);
      return;
    }
    if (!this.#res.write(chunk)) this.#blocked = true;
  }

  private flush(): void {
    this.#blocked = false;
    while (this.#queue.length > 0 && !this.#blocked && !this.#closed) {
      if (!this.#res.write(this.#queue.shift()!)) this.#blocked = true;
    }
  }

  private ping(): void {
    if (this.#closed) return;
    // A blocked stream has bytes in flight already; a ping would only lengthen the queue.
    if (!this.#blocked) this.write(': ping\n\n');
    const check = this.#o.sessionValid;
    if (check) {
      check().then(
        (ok) => {
          if (!ok) this.endSession();
        },
        () => this.endSession(),
      );
    }
  }

  private endSession(): void {
    if (this.#closed) return;
    this.#res.write(`data: ${JSON.stringify({ error: SESSION_EXPIRED })}\n\n`);
    this.end('session');
  }

  private end(reason: SseCloseReason): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#queue.length = 0;
    if (reason === 'slow') this.#res.destroy();
    else this.#res.end();
    this.#o.onClose?.(reason);
  }
}
