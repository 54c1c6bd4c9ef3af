/**
 * Retrying a failed sync (Argo CD `RetryStrategy.NextRetryAt`): wait
 * `min(maxDuration, duration × factor^retryCount)`, defaults 5s, ×2, 3m; `limit` −1 (or any
 * negative) retries forever. Durations are Go durations (`90s`, `1m30s`) or bare seconds (`30`).
 * Automated syncs without a retry policy get `limit: 5`. Self-heal has its own backoff: 2 s, ×3,
 * capped at 300 s.
 */
import { CapstanError } from '../../core/index.ts';

export interface RetryBackoff {
  duration?: string;
  factor?: number;
  maxDuration?: string;
}

export interface RetryStrategy {
  limit?: number;
  backoff?: RetryBackoff;
}

export const defaultRetryBackoff: Required<RetryBackoff> = { duration: '5s', factor: 2, maxDuration: '3m' };

/** What Argo CD uses for automated syncs when the Application sets no retry. */
export const defaultAutoSyncRetry: RetryStrategy = { limit: 5 };

export class InvalidDurationError extends CapstanError {
  constructor(message: string) {
    super(message, { code: 'INVALID_DURATION' });
  }
}

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds of a Go duration string, or of a bare integer number of seconds. */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (/^[+-]?\d+$/.test(s)) return Number(s) * 1000;
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(s);
  if (!m || s === '') throw new InvalidDurationError(`invalid duration ${JSON.stringify(text)}`);
  let total = 0;
  for (const part of s.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g))
    total += Number(part[1]) * UNITS[part[2]!]!;
  return m[1] === '-' ? -total : total;
}

/** Milliseconds to wait before retry number `retryCount` (0 for the first retry). */
export function retryDelay(strategy: RetryStrategy | undefined, retryCount: number): number {
  const b = { ...defaultRetryBackoff, ...strategy?.backoff };
  const duration = parseDuration(b.duration);
  const maxDuration = parseDuration(b.maxDuration);
  const wait = duration * Math.pow(b.factor, retryCount);
  return maxDuration > 0 ? Math.min(maxDuration, wait) : wait;
}

/** Whether another attempt may follow `retryCount` failed retries. */
export function shouldRetry(strategy: RetryStrategy | undefined, retryCount: number): boolean {
  const limit = strategy?.limit ?? 0;
  return limit < 0 || retryCount < limit;
}

export const selfHealBackoff = { initialMs: 2000, factor: 3, capMs: 300_000 } as const;

/** Milliseconds before self-heal attempt number `attempt` (0-based). */
export function selfHealDelay(attempt: number): number {
  return Math.min(
    selfHealBackoff.capMs,
    selfHealBackoff.initialMs * Math.pow(selfHealBackoff.factor, attempt),
  );
}
