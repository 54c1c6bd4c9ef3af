/**
 * List+watch of one resource (in one namespace, or all): list in pages, replace what the store
 * holds of the kind, watch from the list's resourceVersion, and resume from the last version seen
 * whenever the stream ends. A watch or a page the server expired (410, code `Expired`) starts over
 * with a fresh list, which also turns objects deleted meanwhile into `deleted` events. Other
 * failures back off exponentially; a kind that stopped being served ends the watcher.
 */
import { errorCode, errorMessage, sleep, type GroupVersionKind, type Logger } from '../../core/index.ts';
import type { ApiResource, KubeClient } from '../../kube/index.ts';
import { groupKindKey, type CacheStore } from './store.ts';

export interface WatcherOptions {
  client: KubeClient;
  store: CacheStore;
  resource: ApiResource;
  namespace: string | undefined;
  pageSize: number;
  watchTimeoutSeconds: number;
  retryInitialMs: number;
  retryMaxMs: number;
  logger: Logger;
  /** Called once the first list is stored. */
  onSynced: () => void;
  /** Counts relists (for figures and tests). */
  onList: () => void;
}

export class KindWatcher {
  readonly #o: WatcherOptions;
  readonly #stop = new AbortController();
  readonly done: Promise<void>;

  constructor(options: WatcherOptions, parent: AbortSignal) {
    this.#o = options;
    this.done = this.#run(AbortSignal.any([parent, this.#stop.signal]));
  }

  get resource(): ApiResource {
    return this.#o.resource;
  }

  stop(): void {
    this.#stop.abort();
  }

  async #list(gvk: GroupVersionKind, signal: AbortSignal): Promise<string> {
    const { client, store, namespace, pageSize } = this.#o;
    const items = [];
    let cont: string | undefined;
    let resourceVersion = '';
    do {
      const page = await client.list(gvk, { signal, namespace, limit: pageSize, continue: cont });
      items.push(...page.items);
      cont = page.metadata.continue || undefined;
      resourceVersion ||= page.metadata.resourceVersion ?? '';
    } while (cont);
    store.replaceKind(groupKindKey(gvk), namespace, items);
    this.#o.onList();
    return resourceVersion;
  }

  async #run(signal: AbortSignal): Promise<void> {
    const { resource, client, store, logger } = this.#o;
    const gvk = { group: resource.group, version: resource.version, kind: resource.kind };
    let resourceVersion: string | undefined;
    let delay = this.#o.retryInitialMs;
    let synced = false;
    while (!signal.aborted) {
      try {
        if (resourceVersion === undefined) {
          resourceVersion = await this.#list(gvk, signal);
          if (!synced) {
            synced = true;
            this.#o.onSynced();
          }
        }
        const started = Date.now();
        let events = 0;
        for await (const event of client.watch(gvk, {
          signal,
          namespace: this.#o.namespace,
          resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds: Math.round(this.#o.watchTimeoutSeconds * (1 + Math.random() / 5)),
        })) {
          resourceVersion = event.object.metadata.resourceVersion ?? resourceVersion;
          if (event.type === 'DELETED') store.remove(keyOfEvent(event.object, resource));
          else if (event.type !== 'BOOKMARK') store.upsert(event.object);
          delay = this.#o.retryInitialMs;
          events++;
        }
        // A server that ends every watch at once must not turn this loop into a busy one.
        if (events === 0 && Date.now() - started < 1000) await sleep(this.#o.retryInitialMs, signal);
      } catch (err) {
        if (signal.aborted) break;
        const code = errorCode(err);
        if (code === 'Expired') {
          resourceVersion = undefined;
          continue;
        }
        if (code === 'NoKindMatch' || code === 'NotFound' || code === 'MethodNotAllowed') {
          logger.debug('kind no longer served', { kind: groupKindKey(gvk), error: errorMessage(err) });
          break;
        }
        logger.warn('watch failed; retrying', {
          kind: groupKindKey(gvk),
          error: errorMessage(err),
          delayMs: delay,
        });
        try {
          await sleep(delay, signal);
        } catch {
          break;
        }
        delay = Math.min(this.#o.retryMaxMs, delay * 2);
      }
    }
    if (!synced) this.#o.onSynced();
  }
}

function keyOfEvent(obj: { metadata: { namespace?: string; name?: string } }, r: ApiResource) {
  return {
    group: r.group,
    kind: r.kind,
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
  };
}
