import { setTimeout as delay } from 'node:timers/promises';
import { AbortedError } from './errors.ts';

/** Throws an `AbortedError` carrying the signal's reason when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(reasonText(signal.reason), { cause: signal.reason });
}

/** Waits `ms` milliseconds, rejecting with `AbortedError` as soon as `signal` fires. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (err) {
    if (signal?.aborted) throw new AbortedError(reasonText(signal.reason), { cause: signal.reason });
    throw err;
  }
}

/**
 * A signal that fires when `signal` fires or after `ms` milliseconds, whichever is first.
 * `ms <= 0` or non-finite means no timeout.
 */
export function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const signals: AbortSignal[] = [];
  if (signal) signals.push(signal);
  if (Number.isFinite(ms) && ms > 0) signals.push(AbortSignal.timeout(ms));
  if (signals.length === 0) return new AbortController().signal;
  return signals.length === 1 ? signals[0]! : AbortSignal.any(signals);
}

/** A child controller that aborts when `parent` aborts; call `abort()` to stop only the child. */
export function childController(parent: AbortSignal | undefined): AbortController {
  const child = new AbortController();
  if (parent) {
    if (parent.aborted) child.abort(parent.reason);
    else parent.addEventListener('abort', () => child.abort(parent.reason), { once: true });
  }
  return child;
}

function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.name === 'TimeoutError' ? 'timed out' : reason.message;
  return typeof reason === 'string' ? reason : 'operation aborted';
}
