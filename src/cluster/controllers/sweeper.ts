/**
 * Runs an async job per key at most once at a time, re-running it if it was asked for again while
 * it ran. Controllers schedule on every relevant change; the work coalesces.
 */
export class KeyedRunner {
  readonly #job: (key: string) => Promise<void>;
  readonly #onError: (key: string, err: unknown) => void;
  readonly #running = new Set<string>();
  readonly #again = new Set<string>();
  #stopped = false;

  constructor(job: (key: string) => Promise<void>, onError: (key: string, err: unknown) => void) {
    this.#job = job;
    this.#onError = onError;
  }

  schedule(key: string): void {
    if (this.#stopped) return;
    if (this.#running.has(key)) {
      this.#again.add(key);
      return;
    }
    this.#running.add(key);
    setImmediate(() => void this.#run(key));
  }

  stop(): void {
    this.#stopped = true;
  }

  /** Resolves once nothing is running or queued (for orderly shutdown and tests). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await new Promise((r) => setImmediate(r));
  }

  async #run(key: string): Promise<void> {
    try {
      if (!this.#stopped) await this.#job(key);
    } catch (err) {
      this.#onError(key, err);
    } finally {
      this.#running.delete(key);
      if (this.#again.delete(key)) this.schedule(key);
    }
  }
}
