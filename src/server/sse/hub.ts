/**
 * A broadcaster of events to many SSE streams, each with its own view: `select` turns an event
 * into what this subscriber may see (its RBAC and query filters, its field selection) or
 * `undefined` to skip it. The stream routes (applications, Flux objects) publish watch events
 * into one hub per kind and subscribe each request with a selector built from its session.
 */
import type { ServerResponse } from 'node:http';
import { SseStream, type SseCloseReason, type SseStreamOptions } from './stream.ts';

export interface SseHubOptions {
  /** docs/api.md: at least every 15 s. */
  pingIntervalMs: number;
  /** docs/api.md: more than 1000 waiting events closes the stream. */
  maxQueued: number;
  serialize: (body: unknown) => string;
}

export const defaultSseHubOptions: SseHubOptions = {
  pingIntervalMs: 15_000,
  maxQueued: 1000,
  serialize: (body) => JSON.stringify(body),
};

export interface SubscribeOptions<E> {
  /** What this subscriber sees of an event, or undefined to skip it. Exceptions skip it too. */
  select: (event: E) => unknown;
  sessionValid?: () => Promise<boolean>;
  sessionExpiresAt?: number;
  /** Ends the stream when it fires (server shutdown of one route, a superseded watch). */
  signal?: AbortSignal;
  onClose?: (reason: SseCloseReason) => void;
}

export class SseHub<E> {
  readonly #o: SseHubOptions;
  readonly #subscribers = new Map<SseStream, (event: E) => unknown>();

  constructor(options: Partial<SseHubOptions> = {}) {
    this.#o = { ...defaultSseHubOptions, ...options };
  }

  /** Number of open streams. */
  get size(): number {
    return this.#subscribers.size;
  }

  /** Takes over `res` (status, headers, body) and keeps it open until one side ends it. */
  subscribe(res: ServerResponse, options: SubscribeOptions<E>): SseStream {
    const streamOptions: SseStreamOptions = {
      pingIntervalMs: this.#o.pingIntervalMs,
      maxQueued: this.#o.maxQueued,
      serialize: this.#o.serialize,
      ...(options.sessionValid ? { sessionValid: options.sessionValid } : {}),
      ...(options.sessionExpiresAt !== undefined ? { sessionExpiresAt: options.sessionExpiresAt } : {}),
      onClose: (reason) => {
        this.#subscribers.delete(stream);
        options.onClose?.(reason);
      },
    };
    const stream = new SseStream(res, streamOptions);
    if (!stream.closed) this.#subscribers.set(stream, options.select);
    const signal = options.signal;
    if (signal) {
      if (signal.aborted) stream.close();
      else signal.addEventListener('abort', () => stream.close(), { once: true });
    }
    return stream;
  }

  /** Sends the event to every subscriber that selects it. */
  publish(event: E): void {
    for (const [stream, select] of this.#subscribers) {
      let result: unknown;
      try {
        result = select(event);
      } catch {
        continue;
      }
      if (result !== undefined) stream.send(result);
    }
  }

  /** Ends every stream (server shutdown). */
  close(): void {
    for (const stream of [...this.#subscribers.keys()]) stream.close();
  }
}
