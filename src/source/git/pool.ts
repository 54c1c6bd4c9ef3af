import { AbortedError } from '../../core/index.ts';

/**
 * A counting semaphore: at most `size` holders at once, the rest wait in arrival order. Bounds the
 * number of concurrent git processes so a burst of reconciles cannot fork-bomb the machine.
 */
export class Pool {
  readonly size: number;
  #active = 0;
  readonly #waiting: {
    resolve: () => void;
    reject: (e: unknown) => void;
    signal?: AbortSignal | undefined;
  }[] = [];

  constructor(size: number) {
    this.size = Math.max(1, Math.floor(size));
  }

  get active(): number {
    return this.#active;
  }

  /** Runs `fn` once a slot is free; a signal that fires while waiting rejects without running. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    try {
      return await fn();
    } finally {
      this.#release();
    }
  }

  #acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError('aborted while waiting for a git slot'));
    if (this.#active < this.size) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = { resolve, reject, signal };
      this.#waiting.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.#waiting.indexOf(entry);
          if (i >= 0) {
            this.#waiting.splice(i, 1);
            reject(new AbortedError('aborted while waiting for a git slot'));
          }
        },
        { once: true },
      );
    });
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next.resolve();
    else this.#active--;
  }
}

/**
 * Shares one in-flight promise per key: callers that arrive while work for their key runs get the
 * same result instead of starting their own (concurrent reconciles of one URL share one listing).
 * The shared work runs without any caller's signal, so one caller giving up never fails the
 * others; each caller stops waiting when its own signal fires.
 */
export class SingleFlight<T> {
  readonly #inflight = new Map<string, Promise<T>>();

  run(key: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let p = this.#inflight.get(key);
    if (!p) {
      p = fn().finally(() => this.#inflight.delete(key));
      this.#inflight.set(key, p);
    }
    return signal ? raceAbort(p, signal) : p;
  }
}

/** `p`, or an AbortedError as soon as `signal` fires. */
export function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new AbortedError('operation aborted', { cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortedError('operation aborted', { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** A mutex per key, for work that must not overlap on one resource (one mirror, one checkout). */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}

/**
 * Many shared holders or one exclusive holder: artifact builds share, garbage collection is
 * exclusive, so a collection never removes a checkout a build is about to publish.
 */
export class SharedExclusive {
  #shared = 0;
  #exclusive: Promise<void> | undefined;
  #drained: (() => void) | undefined;

  async shared<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#exclusive) await this.#exclusive;
    this.#shared++;
    try {
      return await fn();
    } finally {
      this.#shared--;
      if (this.#shared === 0) this.#drained?.();
    }
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#exclusive) await this.#exclusive;
    let release!: () => void;
    this.#exclusive = new Promise<void>((r) => (release = r));
    try {
      if (this.#shared > 0) await new Promise<void>((r) => (this.#drained = r));
      this.#drained = undefined;
      return await fn();
    } finally {
      this.#exclusive = undefined;
      release();
    }
  }
}
