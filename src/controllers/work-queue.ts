import { realClock, type Clock } from './clock.ts';
import type { QueueMetrics, QueueStats } from './queue-metrics.ts';
import { createRateLimiter, defaultRateLimiterOptions, type RateLimiter } from './rate-limiter.ts';

export interface WorkQueueOptions<T> {
  /** Identity of an item: two items with the same key are the same work. */
  key: (item: T) => string;
  /** Backoff for `addRateLimited`; defaults to `createRateLimiter(defaultRateLimiterOptions)`. */
  rateLimiter?: RateLimiter;
  clock: Clock;
  metrics: QueueMetrics;
}

export const defaultWorkQueueOptions: Omit<WorkQueueOptions<never>, 'key'> = {
  clock: realClock,
  metrics: {},
};

interface Slot<T> {
  item: T;
  /** When it entered the queue, for the latency metric. */
  addedAt: number;
}

/**
 * A work queue with client-go's semantics:
 * - an item is queued at most once: adding it again while it waits is a no-op;
 * - an item a worker holds is never handed out again until `done`; adding it meanwhile marks it
 *   dirty and it is queued once more when `done` is called (so a change during a reconcile is
 *   never lost, and an item never runs concurrently with itself);
 * - `addAfter` schedules an add; when an item is already scheduled the earliest time wins;
 * - `addRateLimited` schedules it after the rate limiter's backoff; `forget` resets that backoff;
 * - after `shutDown`, adds are ignored and `get` resolves `undefined`: nothing new is handed out,
 *   and `drain` waits for the items workers hold.
 */
export class WorkQueue<T> {
  readonly #key: (item: T) => string;
  readonly #limiter: RateLimiter;
  readonly #clock: Clock;
  readonly #metrics: QueueMetrics;

  /** Keys ready for a worker, FIFO. Every key here is also in #dirty and not in #processing. */
  #queue: string[] = [];
  #head = 0;
  /** Items that need processing (queued, or re-added while processing). */
  readonly #dirty = new Map<string, Slot<T>>();
  /** Items a worker holds, with when it got them. */
  readonly #processing = new Map<string, number>();
  /** Scheduled adds. */
  readonly #waiting = new Map<string, { at: number; cancel: () => void }>();
  /** Workers blocked in `get`. */
  readonly #getters: ((key: string | undefined) => void)[] = [];
  readonly #drainers: (() => void)[] = [];
  #shuttingDown = false;

  constructor(options: Partial<WorkQueueOptions<T>> & Pick<WorkQueueOptions<T>, 'key'>) {
    const o = { ...defaultWorkQueueOptions, ...options };
    this.#key = o.key;
    this.#clock = o.clock;
    this.#metrics = o.metrics;
    this.#limiter = o.rateLimiter ?? createRateLimiter(defaultRateLimiterOptions, o.clock);
  }

  /** Queues `item` unless it is already waiting for a worker. */
  add(item: T): void {
    if (this.#shuttingDown) return;
    const key = this.#key(item);
    const slot = this.#dirty.get(key);
    if (slot) {
      slot.item = item;
      return;
    }
    this.#dirty.set(key, { item, addedAt: this.#clock.now() });
    this.#metrics.add?.();
    this.#metrics.depth?.(this.#dirty.size);
    if (!this.#processing.has(key)) this.#push(key);
  }

  /** Adds `item` after `ms`; an already scheduled add of the same item keeps the earlier time. */
  addAfter(item: T, ms: number): void {
    if (this.#shuttingDown) return;
    if (!(ms > 0)) {
      this.add(item);
      return;
    }
    const key = this.#key(item);
    const at = this.#clock.now() + ms;
    const scheduled = this.#waiting.get(key);
    if (scheduled) {
      if (scheduled.at <= at) return;
      scheduled.cancel();
    }
    const cancel = this.#clock.setTimer(() => {
      this.#waiting.delete(key);
      this.add(item);
    }, ms);
    this.#waiting.set(key, { at, cancel });
  }

  /** Adds `item` after its backoff (a failed attempt); counts a retry. */
  addRateLimited(item: T): void {
    if (this.#shuttingDown) return;
    this.#metrics.retry?.();
    this.addAfter(item, this.#limiter.when(this.#key(item)));
  }

  /** Resets the item's backoff. It does not remove the item from the queue. */
  forget(item: T): void {
    this.#limiter.forget(this.#key(item));
  }

  /** Failed attempts since the last `forget`. */
  retries(item: T): number {
    return this.#limiter.retries(this.#key(item));
  }

  /**
   * The next item, marked as being processed until `done(item)`. Waits while the queue is
   * empty; resolves `undefined` once the queue shuts down or `signal` fires.
   */
  get(signal?: AbortSignal): Promise<T | undefined> {
    const key = this.#pop();
    if (key !== undefined || this.#shuttingDown || signal?.aborted) {
      return Promise.resolve(key === undefined ? undefined : this.#take(key));
    }
    return new Promise((resolve) => {
      const getter = (k: string | undefined): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(k === undefined ? undefined : this.#take(k));
      };
      const onAbort = (): void => {
        const i = this.#getters.indexOf(getter);
        if (i >= 0) this.#getters.splice(i, 1);
        resolve(undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#getters.push(getter);
    });
  }

  /** The worker finished `item`; if it was added meanwhile, it is queued again. */
  done(item: T): void {
    const key = this.#key(item);
    const started = this.#processing.get(key);
    if (started === undefined) return;
    this.#processing.delete(key);
    this.#metrics.workDuration?.((this.#clock.now() - started) / 1000);
    if (this.#dirty.has(key) && !this.#shuttingDown) this.#push(key);
    if (this.#processing.size === 0) this.#drainers.splice(0).forEach((d) => d());
  }

  /** Items waiting for a worker. */
  len(): number {
    return this.#queue.length - this.#head;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** Stops handing out items and drops scheduled adds; blocked `get`s resolve `undefined`. */
  shutDown(): void {
    if (this.#shuttingDown) return;
    this.#shuttingDown = true;
    for (const w of this.#waiting.values()) w.cancel();
    this.#waiting.clear();
    this.#queue = [];
    this.#head = 0;
    this.#dirty.clear();
    this.#getters.splice(0).forEach((g) => g(undefined));
  }

  /** Shuts down, then resolves once every item a worker holds is `done`. */
  async drain(): Promise<void> {
    this.shutDown();
    if (this.#processing.size === 0) return;
    await new Promise<void>((resolve) => this.#drainers.push(resolve));
  }

  stats(): QueueStats {
    const now = this.#clock.now();
    let unfinished = 0;
    let longest = 0;
    for (const started of this.#processing.values()) {
      unfinished += now - started;
      longest = Math.max(longest, now - started);
    }
    return {
      depth: this.#dirty.size,
      processing: this.#processing.size,
      waiting: this.#waiting.size,
      unfinishedWorkSeconds: unfinished / 1000,
      longestRunningProcessorSeconds: longest / 1000,
    };
  }

  #push(key: string): void {
    const getter = this.#getters.shift();
    if (getter) getter(key);
    else this.#queue.push(key);
  }

  #pop(): string | undefined {
    if (this.#head >= this.#queue.length) return undefined;
    const key = this.#queue[this.#head++];
    // Compact now and then so the array does not grow without bound.
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return key;
  }

  #take(key: string): T {
    const slot = this.#dirty.get(key);
    // Invariant: every queued key is dirty; a missing slot would be a bug in this class.
    if (!slot) throw new Error(`work queue: ${key} was queued without being dirty`);
    this.#dirty.delete(key);
    const now = this.#clock.now();
    this.#processing.set(key, now);
    this.#metrics.queueLatency?.((now - slot.addedAt) / 1000);
    this.#metrics.depth?.(this.#dirty.size);
    return slot.item;
  }
}
