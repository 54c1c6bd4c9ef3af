import type { History } from '../storage/history.ts';
import type { Store, StoreEvent } from '../storage/store.ts';

/** Receives the committed changes of one resource (storage key). */
export interface HubWatcher {
  readonly resource: string;
  deliver(event: StoreEvent): void;
}

/**
 * Fans committed changes out to watches. It sees every commit synchronously and in order (it is
 * a store listener), records it in history for later resumes, then hands it to the watches of
 * that resource.
 */
export class WatchHub {
  readonly #byResource = new Map<string, Set<HubWatcher>>();
  #count = 0;

  constructor(store: Store, history: History) {
    store.subscribe((event) => {
      history.add(event);
      const watchers = this.#byResource.get(event.resource);
      if (watchers) for (const w of [...watchers]) w.deliver(event);
    });
  }

  /** Number of open watches. */
  get size(): number {
    return this.#count;
  }

  add(watcher: HubWatcher): () => void {
    let set = this.#byResource.get(watcher.resource);
    if (!set) {
      set = new Set();
      this.#byResource.set(watcher.resource, set);
    }
    set.add(watcher);
    this.#count++;
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      set.delete(watcher);
      this.#count--;
    };
  }
}
