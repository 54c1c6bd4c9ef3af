/**
 * The time the simulated controllers live in. Real time by default; a test (or a demo) can run
 * a faster clock so a CronJob fires every few seconds instead of every minute. Timers are given
 * in this clock's milliseconds and fire after the matching real delay.
 */
export interface Clock {
  /** Milliseconds since the epoch, in this clock's time. */
  now(): number;
  /** Calls `fn` once `ms` of this clock's time have passed; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref();
    return () => clearTimeout(t);
  },
};

/** A clock that starts at `origin` (now by default) and runs `rate` times faster than real time. */
export function fastClock(rate: number, origin: number = Date.now()): Clock {
  if (!(rate > 0)) throw new RangeError(`fastClock: rate must be positive, got ${rate}`);
  const realStart = Date.now();
  return {
    now: () => origin + (Date.now() - realStart) * rate,
    after(ms, fn) {
      const t = setTimeout(fn, Math.max(0, ms / rate));
      t.unref();
      return () => clearTimeout(t);
    },
  };
}

/** Kubernetes timestamps: RFC 3339 in UTC, whole seconds. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 with microseconds, as kubelet writes some times (MicroTime). */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000Z');
}

/** Milliseconds of an RFC 3339 timestamp, or undefined. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
