import { realClock, type Clock } from './clock.ts';
import { TokenBucket } from './token-bucket.ts';

/**
 * Decides how long a failed item waits before its next attempt (client-go's `RateLimiter`).
 * Keys are queue keys (`namespace/name`).
 */
export interface RateLimiter {
  /** The delay before the item's next attempt, in ms; counts one more failure. */
  when(key: string): number;
  /** The item succeeded (or gave up): start its backoff from scratch next time. */
  forget(key: string): void;
  /** Failures counted since the last `forget`. */
  retries(key: string): number;
}

export interface ExponentialBackoffOptions {
  /** Delay after the first failure. */
  baseDelayMs: number;
  /** No delay exceeds this. */
  maxDelayMs: number;
  /** Growth per failure: base · factor^failures. */
  factor: number;
}

/** Per-item exponential backoff: base, base·f, base·f², … capped (client-go's ItemExponentialFailure). */
export class ExponentialRateLimiter implements RateLimiter {
  readonly #options: ExponentialBackoffOptions;
  readonly #failures = new Map<string, number>();

  constructor(options: ExponentialBackoffOptions) {
    this.#options = options;
  }

  when(key: string): number {
    const exp = this.#failures.get(key) ?? 0;
    this.#failures.set(key, exp + 1);
    const { baseDelayMs, maxDelayMs, factor } = this.#options;
    const delay = baseDelayMs * factor ** exp;
    // Infinity and NaN (huge exponents) also land on the cap.
    return delay < maxDelayMs ? delay : maxDelayMs;
  }

  forget(key: string): void {
    this.#failures.delete(key);
  }

  retries(key: string): number {
    return this.#failures.get(key) ?? 0;
  }
}

export interface TokenBucketOptions {
  /** Tokens added per second. `Infinity` disables the bucket. */
  qps: number;
  /** Tokens the bucket holds: the burst allowed before `qps` applies. */
  burst: number;
}

/**
 * One token bucket over all items together: it bounds the overall retry rate so that a burst of
 * failures (the API server is down) does not turn into a retry storm. Reserving a token that is
 * not there yet returns how long until it will be (golang.org/x/time/rate's `Reserve().Delay()`).
 */
export class BucketRateLimiter implements RateLimiter {
  readonly #bucket: TokenBucket;

  constructor(options: TokenBucketOptions, clock: Clock = realClock) {
    this.#bucket = new TokenBucket(options.qps, options.burst, clock);
  }

  when(_key: string): number {
    return this.#bucket.reserve();
  }

  forget(_key: string): void {}

  retries(_key: string): number {
    return 0;
  }
}

/** The longest delay of several limiters; `retries` is the largest count among them. */
export class MaxOfRateLimiter implements RateLimiter {
  readonly #limiters: RateLimiter[];

  constructor(...limiters: RateLimiter[]) {
    this.#limiters = limiters;
  }

  when(key: string): number {
    let max = 0;
    for (const l of this.#limiters) max = Math.max(max, l.when(key));
    return max;
  }

  forget(key: string): void {
    for (const l of this.#limiters) l.forget(key);
  }

  retries(key: string): number {
    let max = 0;
    for (const l of this.#limiters) max = Math.max(max, l.retries(key));
    return max;
  }
}

export interface RateLimiterOptions {
  backoff: ExponentialBackoffOptions;
  /** The overall bucket; `undefined` for none. */
  bucket: TokenBucketOptions | undefined;
}

/**
 * client-go's and controller-runtime's default controller rate limiter: 5 ms doubling to 1000 s
 * per item, and 10 retries per second with a burst of 100 overall.
 */
export const defaultRateLimiterOptions: RateLimiterOptions = {
  backoff: { baseDelayMs: 5, maxDelayMs: 1_000_000, factor: 2 },
  bucket: { qps: 10, burst: 100 },
};

/**
 * What the Flux controllers use (fluxcd/pkg `runtime/controller/rate_limiter.go`): per-item
 * exponential backoff only, from `--min-retry-delay` 750 ms to `--max-retry-delay` 15 min.
 */
export const fluxRateLimiterOptions: RateLimiterOptions = {
  backoff: { baseDelayMs: 750, maxDelayMs: 15 * 60_000, factor: 2 },
  bucket: undefined,
};

/** The per-item backoff combined with the overall bucket, as the options say. */
export function createRateLimiter(options: RateLimiterOptions, clock: Clock = realClock): RateLimiter {
  const perItem = new ExponentialRateLimiter(options.backoff);
  return options.bucket
    ? new MaxOfRateLimiter(perItem, new BucketRateLimiter(options.bucket, clock))
    : perItem;
}
