import type { Clock } from './clock.ts';

/**
 * A token bucket (golang.org/x/time/rate): `burst` tokens, refilled at `qps` per second. `reserve`
 * always takes a token and says how long until it is really there; `tryTake` takes one only if
 * it is there now.
 */
export class TokenBucket {
  readonly #qps: number;
  readonly #burst: number;
  readonly #clock: Clock;
  #tokens: number;
  #last: number;

  constructor(qps: number, burst: number, clock: Clock) {
    this.#qps = qps;
    this.#burst = burst;
    this.#clock = clock;
    this.#tokens = burst;
    this.#last = clock.now();
  }

  /** Takes a token, going into debt if needed; returns the wait in ms (0 when one was there). */
  reserve(): number {
    if (this.#qps === Infinity) return 0;
    this.#refill();
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens / this.#qps) * 1000;
  }

  /** Takes a token if one is there now. */
  tryTake(): boolean {
    if (this.#qps === Infinity) return true;
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #refill(): void {
    const now = this.#clock.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#qps);
    this.#last = now;
  }
}
