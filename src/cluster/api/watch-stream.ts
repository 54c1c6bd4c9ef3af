import type { KubeObject } from '../../core/index.ts';
import type { WatchEvent, WatchStream } from './types.ts';

/** An async-iterable queue fed by a watch sink; ends when `end()` is called or the reader stops. */
export class QueueStream<T extends KubeObject> implements WatchStream<T> {
  readonly #queue: WatchEvent<T>[] = [];
  #waiting: ((r: IteratorResult<WatchEvent<T>>) => void) | undefined;
  #ended = false;
  readonly #onClose: () => void;

  constructor(onClose: () => void) {
    this.#onClose = onClose;
  }

  push(event: WatchEvent<T>): void {
    if (this.#ended) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve({ value: event, done: false });
    } else this.#queue.push(event);
  }

  /** No more events after the queued ones. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#waiting && this.#queue.length === 0) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  close(): void {
    this.#onClose();
    this.end();
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    return {
      next: () => {
        const next = this.#queue.shift();
        if (next) return Promise.resolve({ value: next, done: false });
        if (this.#ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.#waiting = resolve));
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
