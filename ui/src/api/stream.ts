// Reads one SSE stream of docs/api.md §10 until the server ends it, the connection goes quiet for
// too long, or the signal aborts. Reconnecting is the caller's job (see watch.ts).
import { ApiError, errorFromResponse } from './errors.ts';
import { notifyUnauthenticated, queryString, type QueryValue } from './http.ts';
import { SseParser } from './sse-parser.ts';

export interface StreamOptions {
  query?: Record<string, QueryValue>;
  signal: AbortSignal;
  /** Called with each message's `result`. */
  onResult: (result: unknown) => void;
  /** Called once the server has accepted the stream (HTTP 200). */
  onOpen?: () => void;
  /** The server pings every 15 s; this much silence means the connection is dead. */
  idleTimeoutMs?: number;
}

export const defaultStreamIdleTimeoutMs = 45_000;

export async function readStream(path: string, options: StreamOptions): Promise<void> {
  const idle = new AbortController();
  const signal = AbortSignal.any([options.signal, idle.signal]);
  const res = await fetch(`${path}${queryString(options.query)}`, {
    headers: { Accept: 'text/event-stream', 'X-Requested-With': 'capstan' },
    credentials: 'same-origin',
    signal,
  }).catch((err: unknown) => {
    if (options.signal.aborted) throw err;
    throw new ApiError(0, 14, `cannot reach the Capstan server: ${(err as Error).message}`);
  });
  if (!res.ok) {
    if (res.status === 401) notifyUnauthenticated();
    throw await errorFromResponse(res);
  }
  if (!res.body) throw new ApiError(res.status, 13, 'the stream has no body');
  options.onOpen?.();

  const idleMs = options.idleTimeoutMs ?? defaultStreamIdleTimeoutMs;
  let timer = setTimeout(() => idle.abort(), idleMs);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(), idleMs);
      for (const message of parser.feed(value)) {
        if (message.kind !== 'data') continue;
        const parsed = JSON.parse(message.data) as {
          result?: unknown;
          error?: { code?: number; message?: string };
        };
        if (parsed.error) {
          if (parsed.error.code === 16) notifyUnauthenticated();
          throw new ApiError(200, parsed.error.code ?? 13, parsed.error.message ?? 'stream error');
        }
        if (parsed.result !== undefined) options.onResult(parsed.result);
      }
    }
  } catch (err) {
    if (idle.signal.aborted && !options.signal.aborted) {
      throw new ApiError(0, 4, `no data from the server for ${Math.round(idleMs / 1000)} s`);
    }
    throw err;
  } finally {
    clearTimeout(timer);
    // Closes the connection when we stop early (an error message, an abort); harmless when done.
    reader.cancel().catch(() => undefined);
  }
}
