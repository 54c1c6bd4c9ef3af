import type { Clock } from './clock.ts';

/** What a reconcile asks for: nothing, or to be run again after a while (clock milliseconds). */
export type ReconcileResult = void | { requeueAfterMs: number };

export interface WorkQueueOptions {
  /** Keys reconciled at the same time (different keys only; one key never runs twice at once). */
  concurrency: number;
  clock: Clock;
  /** A failed key is retried after base × 2^failures, up to max (real milliseconds). */
  retryBaseMs: number;
  retryMaxMs: number;
  onError(key: string, err: unknown): void;
}

export const defaultWorkQueueOptions: Omit<WorkQueueOptions, 'clock' | 'onError'> = {
  concurrency: 8,
  retryBaseMs: 5,
  retryMaxMs: 2000,
};

/**
 * client-go's work queue in small: a key added while queued is queued once, a key added while
 * it runs runs again afterwards, failures retry with exponential back-off, and a reconcile may
 * ask to be requeued after a delay (for time-driven transitions: back-offs, deadlines,
 * schedules). Keys are `namespace/name` (or anything the controller chooses).
 */
export class WorkQueue {
  readonly #reconcile: (key: string) => Promise<ReconcileResult>;
  readonly #o: WorkQueueOptions;
  readonly #queue: string[] = [];
  readonly #queued = new Set<string>();
  readonly #running = new Set<string>();
  readonly #dirty = new Set<string>();
  readonly #failures = new Map<string, number>();
  readonly #timers = new Map<string, { at: number; cancel: () => void }>();
  #active = 0;
  #stopped = false;

  constructor(reconcile: (key: string) => Promise<ReconcileResult>, options: WorkQueueOptions) {
    this.#reconcile = reconcile;
    this.#o = options;
  }

  add(key: string): void {
    if (this.#stopped) return;
    if (this.#running.has(key)) {
      this.#dirty.add(key);
      return;
    }
    if (this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#queue.push(key);
    this.#pump();
  }

  /** Adds `key` after `ms` of the clock's time; an earlier pending request wins. */
  addAfter(key: string, ms: number): void {
    if (this.#stopped) return;
    if (ms <= 0) return this.add(key);
    const at = this.#o.clock.now() + ms;
    const pending = this.#timers.get(key);
    if (pending && pending.at <= at) return;
    pending?.cancel();
    const cancel = this.#o.clock.after(ms, () => {
      this.#timers.delete(key);
      this.add(key);
    });
    this.#timers.set(key, { at, cancel });
  }

  /** Keys queued or running. */
  get pending(): number {
    return this.#queue.length + this.#running.size;
  }

  stop(): void {
    this.#stopped = true;
    for (const t of this.#timers.values()) t.cancel();
    this.#timers.clear();
  }

  #pump(): void {
    while (!this.#stopped && this.#active < this.#o.concurrency && this.#queue.length > 0) {
      const key = this.#queue.shift()!;
      this.#queued.delete(key);
      this.#running.add(key);
      this.#active++;
      setImmediate(() => void this.#run(key));
    }
  }

  async #run(key: string): Promise<void> {
    let retryMs: number | undefined;
    try {
      if (this.#stopped) return;
      const result = await this.#reconcile(key);
      this.#failures.delete(key);
      if (result && result.requeueAfterMs >= 0) this.addAfter(key, result.requeueAfterMs);
    } catch (err) {
      const n = (this.#failures.get(key) ?? 0) + 1;
      this.#failures.set(key, n);
      retryMs = Math.min(this.#o.retryMaxMs, this.#o.retryBaseMs * 2 ** n);
      if (!this.#stopped) this.#o.onError(key, err);
    } finally {
      this.#running.delete(key);
      this.#active--;
      if (this.#dirty.delete(key)) this.add(key);
      else if (retryMs !== undefined && !this.#stopped) {
        const t = setTimeout(() => this.add(key), retryMs);
        t.unref();
      }
      this.#pump();
    }
  }
}
