import type { StoreEvent } from './store.ts';

/**
 * The recent changes, for watch resume and consistent paginated lists. Holds at most `capacity`
 * events; anything older is compacted away, and a resourceVersion from before the window gets
 * 410 Gone/Expired, as an etcd-backed server answers after compaction.
 */
export class History {
  readonly #capacity: number;
  readonly #events: (StoreEvent | undefined)[];
  #start = 0;
  #length = 0;
  /** Every event with rv > compactedRv is retained. */
  #compactedRv: number;

  constructor(capacity: number, currentRv: number) {
    this.#capacity = Math.max(1, capacity);
    this.#events = new Array<StoreEvent | undefined>(this.#capacity);
    this.#compactedRv = currentRv;
  }

  /** The oldest resourceVersion a watch can start from (exclusive): changes after it are all here. */
  get compactedRv(): number {
    return this.#compactedRv;
  }

  add(event: StoreEvent): void {
    if (this.#length === this.#capacity) {
      this.#compactedRv = this.#events[this.#start]!.rv;
      this.#events[this.#start] = undefined;
      this.#start = (this.#start + 1) % this.#capacity;
      this.#length--;
    }
    this.#events[(this.#start + this.#length) % this.#capacity] = event;
    this.#length++;
  }

  /** True when every change after `rv` is still retained. */
  covers(rv: number): boolean {
    return rv >= this.#compactedRv;
  }

  /** Events with resourceVersion > `rv`, oldest first (call `covers` first). */
  since(rv: number, resource?: string): StoreEvent[] {
    let lo = 0;
    let hi = this.#length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#at(mid).rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    const out: StoreEvent[] = [];
    for (let i = lo; i < this.#length; i++) {
      const e = this.#at(i);
      if (resource === undefined || e.resource === resource) out.push(e);
    }
    return out;
  }

  #at(i: number): StoreEvent {
    return this.#events[(this.#start + i) % this.#capacity]!;
  }
}
