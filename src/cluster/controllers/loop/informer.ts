import type { KubeObject, Logger } from '../../../core/index.ts';
import type { ClusterApi, TypeRef } from '../../api/types.ts';

/** What an informer tells its subscribers. Objects are the cache's own: copy before changing. */
export interface InformerHandler<T extends KubeObject> {
  added?(obj: T): void;
  updated?(old: T, obj: T): void;
  deleted?(obj: T): void;
}

const rvOf = (o: KubeObject): number => Number(o.metadata.resourceVersion ?? 0);
export const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/**
 * A cache of one type kept current by list + watch on the in-process API, as client-go's
 * informer: list, then watch from the list's resourceVersion; a watch that ends is resumed from
 * the last version seen; a 410 (history no longer reaches back) relists and reports the
 * difference as events. Writers feed their results back with `observe` so a controller reads
 * its own writes before the watch brings them (the cache ignores anything older than it holds).
 */
export class Informer<T extends KubeObject = KubeObject> {
  readonly type: TypeRef;
  readonly #api: ClusterApi;
  readonly #log: Logger;
  readonly #transform: ((o: KubeObject) => T) | undefined;
  readonly #byNamespace = new Map<string, Map<string, T>>();
  readonly #byOwner = new Map<string, Set<string>>();
  readonly #all = new Map<string, T>();
  /** Deleted keys and the version that deleted them, so a stale event does not revive them. */
  readonly #tombstones = new Map<string, number>();
  readonly #handlers: InformerHandler<T>[] = [];
  readonly #abort = new AbortController();
  #synced!: () => void;
  /** Resolves once the first list is in the cache. */
  readonly synced: Promise<void>;
  #hasSynced = false;

  constructor(api: ClusterApi, type: TypeRef, log: Logger, transform?: (o: KubeObject) => T) {
    this.#api = api;
    this.type = type;
    this.#log = log;
    this.#transform = transform;
    this.synced = new Promise((resolve) => (this.#synced = resolve));
  }

  get hasSynced(): boolean {
    return this.#hasSynced;
  }

  on(handler: InformerHandler<T>): void {
    this.#handlers.push(handler);
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.#all.get(`${namespace ?? ''}/${name}`);
  }

  /** Every cached object, or those of one namespace. */
  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.#all.values()];
    return [...(this.#byNamespace.get(namespace)?.values() ?? [])];
  }

  /** Objects with an ownerReference to `uid`. */
  ownedBy(uid: string | undefined): T[] {
    if (!uid) return [];
    const out: T[] = [];
    for (const key of this.#byOwner.get(uid) ?? []) {
      const o = this.#all.get(key);
      if (o) out.push(o);
    }
    return out;
  }

  get size(): number {
    return this.#all.size;
  }

  start(): void {
    void this.#run();
  }

  stop(): void {
    this.#abort.abort();
  }

  /** Feeds a write's result into the cache (read-your-writes); older versions are ignored. */
  observe(obj: KubeObject): void {
    this.#apply('MODIFIED', this.#transform ? this.#transform(obj) : (obj as T));
  }

  /** Feeds a deletion's result into the cache. */
  observeDeleted(obj: KubeObject): void {
    this.#apply('DELETED', this.#transform ? this.#transform(obj) : (obj as T));
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    let rv: string | undefined;
    while (!signal.aborted) {
      try {
        if (rv === undefined) rv = await this.#relist();
        const watch = this.#api.watch(this.type, { resourceVersion: rv, allowWatchBookmarks: true, signal });
        let expired = false;
        for await (const event of watch) {
          if (event.type === 'ERROR') {
            expired = true;
            break;
          }
          rv = event.object.metadata.resourceVersion ?? rv;
          if (event.type === 'BOOKMARK') continue;
          const obj = this.#transform ? this.#transform(event.object) : (event.object as T);
          this.#apply(event.type === 'DELETED' ? 'DELETED' : 'MODIFIED', obj);
        }
        if (expired) rv = undefined;
      } catch (err) {
        if (signal.aborted) return;
        // The type went away (a CRD deleted) or a transient failure: back off and relist.
        this.#log.debug('informer: relisting after error', { kind: this.type.kind, error: err });
        rv = undefined;
        await new Promise((r) => setTimeout(r, 1000).unref());
      }
    }
  }

  async #relist(): Promise<string> {
    const list = await this.#api.list(this.type, { signal: this.#abort.signal });
    const seen = new Set<string>();
    for (const item of list.items) {
      const obj = this.#transform ? this.#transform(item) : (item as T);
      seen.add(keyOf(obj));
      this.#tombstones.delete(keyOf(obj));
      this.#apply('MODIFIED', obj);
    }
    for (const [key, obj] of [...this.#all]) if (!seen.has(key)) this.#remove(key, obj);
    if (!this.#hasSynced) {
      this.#hasSynced = true;
      this.#synced();
    }
    return list.metadata.resourceVersion;
  }

  #apply(type: 'MODIFIED' | 'DELETED', obj: T): void {
    const key = keyOf(obj);
    const rv = rvOf(obj);
    const old = this.#all.get(key);
    if (type === 'DELETED') {
      if (old && rvOf(old) > rv && old.metadata.uid === obj.metadata.uid) return;
      this.#tombstones.set(key, rv);
      if (this.#tombstones.size > 10_000) this.#tombstones.delete(this.#tombstones.keys().next().value!);
      if (old) this.#remove(key, old);
      return;
    }
    if (old && rvOf(old) >= rv) return;
    const tomb = this.#tombstones.get(key);
    if (tomb !== undefined) {
      if (tomb >= rv) return;
      this.#tombstones.delete(key);
    }
    if (old) this.#unindex(key, old);
    this.#index(key, obj);
    for (const h of this.#handlers) {
      if (old) h.updated?.(old, obj);
      else h.added?.(obj);
    }
  }

  #remove(key: string, old: T): void {
    this.#unindex(key, old);
    for (const h of this.#handlers) h.deleted?.(old);
  }

  #index(key: string, obj: T): void {
    this.#all.set(key, obj);
    const ns = obj.metadata.namespace ?? '';
    let m = this.#byNamespace.get(ns);
    if (!m) this.#byNamespace.set(ns, (m = new Map<string, T>()));
    m.set(obj.metadata.name ?? '', obj);
    for (const ref of obj.metadata.ownerReferences ?? []) {
      let s = this.#byOwner.get(ref.uid);
      if (!s) this.#byOwner.set(ref.uid, (s = new Set()));
      s.add(key);
    }
  }

  #unindex(key: string, obj: T): void {
    this.#all.delete(key);
    this.#byNamespace.get(obj.metadata.namespace ?? '')?.delete(obj.metadata.name ?? '');
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const s = this.#byOwner.get(ref.uid);
      s?.delete(key);
      if (s?.size === 0) this.#byOwner.delete(ref.uid);
    }
  }
}
