/**
 * Argo CD's brake on password guessing (`ARGOCD_SESSION_FAILURE_MAX_FAIL_COUNT`, default 5;
 * `ARGOCD_SESSION_FAILURE_WINDOW_SECONDS`, default 300): failed logins are counted per username;
 * once a username has that many failures and the last one is inside the window, its logins are
 * refused without checking the password until the window has passed since the last failure. A
 * success clears the count. The table is bounded: when full, a random entry other than `admin`
 * and the current name makes room, so flooding it cannot reset the admin's count.
 */
export interface LoginLimitOptions {
  maxFailures: number;
  windowSeconds: number;
  /** `ARGOCD_SESSION_MAX_CACHE_SIZE`. */
  maxEntries: number;
}

export const defaultLoginLimitOptions: LoginLimitOptions = {
  maxFailures: envInt('ARGOCD_SESSION_FAILURE_MAX_FAIL_COUNT', 5, 1),
  windowSeconds: envInt('ARGOCD_SESSION_FAILURE_WINDOW_SECONDS', 300, 0),
  maxEntries: envInt('ARGOCD_SESSION_MAX_CACHE_SIZE', 10_000, 1),
};

function envInt(name: string, fallback: number, min: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v >= min ? v : fallback;
}

interface Attempts {
  count: number;
  /** ms */
  lastFailed: number;
}

export class LoginLimiter {
  readonly #options: LoginLimitOptions;
  readonly #now: () => number;
  readonly #failures = new Map<string, Attempts>();

  constructor(options: LoginLimitOptions, now: () => number) {
    this.#options = options;
    this.#now = now;
  }

  /** Seconds until `username` may try again, or undefined when it may try now. */
  retryAfter(username: string): number | undefined {
    const a = this.#failures.get(username);
    if (!a || a.count < this.#options.maxFailures) return undefined;
    if (this.#options.windowSeconds === 0) return 1;
    const left = a.lastFailed + this.#options.windowSeconds * 1000 - this.#now();
    return left > 0 ? Math.ceil(left / 1000) : undefined;
  }

  failed(username: string): void {
    this.expire();
    if (!this.#failures.has(username) && this.#failures.size >= this.#options.maxEntries)
      this.evictOne(username);
    const a = this.#failures.get(username) ?? { count: 0, lastFailed: 0 };
    this.#failures.set(username, { count: a.count + 1, lastFailed: this.#now() });
  }

  succeeded(username: string): void {
    this.#failures.delete(username);
  }

  private expire(): void {
    if (this.#options.windowSeconds === 0) return;
    const cutoff = this.#now() - this.#options.windowSeconds * 1000;
    for (const [name, a] of this.#failures) if (a.lastFailed < cutoff) this.#failures.delete(name);
  }

  private evictOne(keep: string): void {
    const names = [...this.#failures.keys()].filter((n) => n !== 'admin' && n !== keep);
    const victim = names[Math.floor(Math.random() * names.length)];
    if (victim !== undefined) this.#failures.delete(victim);
  }
}
