// Keeps a view live: load, then stream changes from the loaded version; after any failure wait
// (exponential backoff) and start over with a fresh load, because the server does not replay
// missed events (docs/api.md §10). Gives up only on errors a retry cannot fix (401, 403, 404).
import { backoffDelay, defaultBackoffOptions, type BackoffOptions } from './backoff.ts';
import { ApiError } from './errors.ts';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'failed';

export interface WatchLoopOptions {
  /** Loads the current state; returns the resourceVersion to stream from ('' for none). */
  load: (signal: AbortSignal) => Promise<string>;
  /** Streams changes after `resourceVersion` until the stream ends or fails. */
  stream: (resourceVersion: string, signal: AbortSignal, onOpen: () => void) => Promise<void>;
  onState: (state: LiveState, error?: unknown) => void;
  signal: AbortSignal;
  backoff?: BackoffOptions;
  /** Waits; injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Errors that a retry cannot fix: the session is gone, access is denied, the object is gone. */
export function isFinalError(err: unknown): boolean {
  return err instanceof ApiError && [400, 401, 403, 404].includes(err.status);
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

export async function runWatchLoop(options: WatchLoopOptions): Promise<void> {
  const { signal } = options;
  const sleep = options.sleep ?? abortableSleep;
  let attempt = 0;
  while (!signal.aborted) {
    options.onState(attempt === 0 ? 'connecting' : 'reconnecting');
    try {
      const resourceVersion = await options.load(signal);
      await options.stream(resourceVersion, signal, () => {
        attempt = 0;
        options.onState('live');
      });
      // The server closed the stream (a restart, a slow-client cut): start over after a pause,
      // so a server that keeps closing at once is not hammered.
      if (signal.aborted) return;
      options.onState('reconnecting');
    } catch (err) {
      if (signal.aborted) return;
      if (isFinalError(err)) {
        options.onState('failed', err);
        return;
      }
      options.onState('reconnecting', err);
    }
    await sleep(backoffDelay(attempt, options.backoff ?? defaultBackoffOptions), signal);
    attempt++;
  }
}
