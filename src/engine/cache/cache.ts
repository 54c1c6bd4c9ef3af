/**
 * The cluster cache (gitops-engine `pkg/cache`): discovery decides which kinds are watched, one
 * `KindWatcher` per kind keeps the store current, and subscribers hear about changes as they
 * arrive, so a `kubectl edit` reaches the controller of the application concerned within a second.
 * CustomResourceDefinitions are always watched: a CRD that appears (or goes) re-reads discovery and
 * starts (or stops) the watch of its kind.
 *
 *   const cache = createClusterCache({ client, signal, trackers: { argocd: argoTracker() } });
 *   await cache.synced({ signal });
 *   const live = cache.owned({ tracker: 'argocd', owner: 'guestbook' });
 *   const stop = cache.subscribe({ app: { tracker: 'argocd', owner: 'guestbook' } }, (e) => queue.add(...));
 */
import { AbortedError, throwIfAborted, type KubeObject } from '../../core/index.ts';
import type { ApiResource, CallOptions, GetOptions, KubeReader, ObjectKey } from '../../kube/index.ts';
import type { ResourceKey } from '../object/key.ts';
import { withManagedFields, type CacheEntry } from './entry.ts';
import { defaultClusterCacheOptions, type ClusterCacheOptions } from './options.ts';
import { CacheStore, groupKindKey, type AppRef, type CacheListener, type SubscribeFilter } from './store.ts';
import type { CacheStats, ClusterCache } from './types.ts';
import { KindWatcher } from './watcher.ts';

const CRD = 'apiextensions.k8s.io/CustomResourceDefinition';

function groupKindOfResource(r: ApiResource): string {
  return groupKindKey(r);
}

class Cache implements ClusterCache {
  readonly #o: ClusterCacheOptions;
  readonly #store: CacheStore;
  readonly #wanted = new Set<string>();
  readonly #exclude: Set<string>;
  readonly #discovered = new Map<string, ApiResource>();
  readonly #watchers = new Map<string, KindWatcher>();
  readonly #syncedWatchers = new Map<string, Promise<void>>();
  readonly #syncedIds = new Set<string>();
  #lists = 0;
  #scan: Promise<void>;
  #rescanTimer: NodeJS.Timeout | undefined;

  constructor(o: ClusterCacheOptions) {
    this.#o = o;
    this.#exclude = new Set(o.exclude);
    const trackers = Object.entries(o.trackers);
    this.#store = new CacheStore((obj) => {
      const owners = new Map<string, string>();
      for (const [name, t] of trackers) {
        const owner = t.ownerOf(obj);
        if (owner !== undefined) owners.set(name, owner);
      }
      return owners;
    });
    if (o.kinds !== 'all') for (const k of o.kinds) this.#wanted.add(k);
    for (const k of o.children) this.#wanted.add(k);
    this.#wanted.add(CRD);
    this.#store.subscribe({}, (e) => {
      if (e.key.group === 'apiextensions.k8s.io' && e.key.kind === 'CustomResourceDefinition')
        this.#rescanSoon();
    });
    this.#scan = this.#rescan(false);
    this.#scan.catch(() => undefined);
    o.signal.addEventListener('abort', () => clearTimeout(this.#rescanTimer), { once: true });
  }

  #selected(gk: string): boolean {
    if (this.#exclude.has(gk)) return false;
    return this.#o.kinds === 'all' || this.#wanted.has(gk);
  }

  /** Re-reads discovery (a CRD changed), batching bursts of CRD events into one read. */
  #rescanSoon(): void {
    if (this.#rescanTimer !== undefined || this.#o.signal.aborted) return;
    this.#rescanTimer = setTimeout(() => {
      this.#rescanTimer = undefined;
      const next = this.#scan.then(() => this.#rescan(true));
      next.catch((err: unknown) => this.#o.logger.warn('discovery failed', { error: String(err) }));
      this.#scan = next.catch(() => undefined);
    }, 50);
  }

  async #rescan(invalidate: boolean): Promise<void> {
    const { client, signal } = this.#o;
    if (invalidate) client.invalidate();
    const resources = await client.serverResources({ signal });
    const preferred = new Map<string, ApiResource>();
    for (const r of resources) {
      const gk = groupKindOfResource(r);
      if (!preferred.has(gk) && r.verbs.includes('list') && r.verbs.includes('watch')) preferred.set(gk, r);
    }
    this.#discovered.clear();
    for (const [gk, r] of preferred) this.#discovered.set(gk, r);
    for (const [gk, r] of preferred) if (this.#selected(gk)) this.#start(gk, r);
    for (const [id, w] of this.#watchers) {
      const gk = groupKindOfResource(w.resource);
      const now = preferred.get(gk);
      if (now && now.version === w.resource.version) continue;
      // The kind is gone (CRD deleted) or moved to another preferred version.
      w.stop();
      this.#watchers.delete(id);
      this.#syncedWatchers.delete(id);
      this.#syncedIds.delete(id);
      if (!now) for (const e of this.#store.ofKind(gk)) this.#store.remove(e.key);
    }
  }

  #start(gk: string, r: ApiResource): void {
    const namespaces = r.namespaced && this.#o.namespaces ? this.#o.namespaces : [undefined];
    for (const namespace of namespaces) {
      const id = `${gk}@${namespace ?? ''}`;
      const existing = this.#watchers.get(id);
      if (existing && existing.resource.version === r.version) continue;
      existing?.stop();
      let onSynced = () => {};
      this.#syncedIds.delete(id);
      this.#syncedWatchers.set(
        id,
        new Promise<void>((resolve) => {
          onSynced = () => {
            this.#syncedIds.add(id);
            resolve();
          };
        }),
      );
      this.#watchers.set(
        id,
        new KindWatcher(
          {
            client: this.#o.client,
            store: this.#store,
            resource: r,
            namespace,
            pageSize: this.#o.pageSize,
            watchTimeoutSeconds: this.#o.watchTimeoutSeconds,
            retryInitialMs: this.#o.retryInitialMs,
            retryMaxMs: this.#o.retryMaxMs,
            logger: this.#o.logger,
            onSynced,
            onList: () => this.#lists++,
          },
          this.#o.signal,
        ),
      );
    }
  }

  async synced(options: CallOptions): Promise<void> {
    await abortable(this.#scan, options.signal);
    await abortable(Promise.all(this.#syncedWatchers.values()), options.signal);
  }

  async ensureKinds(kinds: readonly string[], options: CallOptions): Promise<void> {
    const missing = kinds.filter((k) => !this.#wanted.has(k) && !this.#exclude.has(k));
    for (const k of missing) this.#wanted.add(k);
    const unknown = kinds.some((k) => !this.#discovered.has(k));
    if (missing.length > 0 || unknown) {
      const next = this.#scan.then(() => this.#rescan(unknown));
      this.#scan = next.catch(() => undefined);
      await abortable(next, options.signal);
    }
    const waits = [...this.#syncedWatchers].filter(([id]) => kinds.some((k) => id.startsWith(`${k}@`)));
    await abortable(Promise.all(waits.map(([, p]) => p)), options.signal);
  }

  isCached(groupKind: string): boolean {
    return [...this.#watchers.keys()].some((id) => id.startsWith(`${groupKind}@`));
  }

  isNamespaced(group: string, kind: string): boolean | undefined {
    return this.#discovered.get(groupKindKey({ group, kind }))?.namespaced;
  }

  get(key: ResourceKey): KubeObject | undefined {
    return this.#store.get(key)?.object;
  }

  getWithManagedFields(key: ResourceKey): KubeObject | undefined {
    const e = this.#store.get(key);
    return e && withManagedFields(e);
  }

  entry(key: ResourceKey): CacheEntry | undefined {
    return this.#store.get(key);
  }

  list(filter: { groupKind?: string; namespace?: string } = {}): KubeObject[] {
    if (filter.groupKind !== undefined) {
      return this.#store.ofKind(filter.groupKind, filter.namespace).map((e) => e.object);
    }
    const out: KubeObject[] = [];
    for (const e of this.#store.all()) {
      if (filter.namespace === undefined || e.key.namespace === filter.namespace) out.push(e.object);
    }
    return out;
  }

  owned(app: AppRef): KubeObject[] {
    return this.#store.owned(app).map((e) => e.object);
  }

  children(uid: string): KubeObject[] {
    return this.#store.children(uid).map((e) => e.object);
  }

  byUid(uid: string): KubeObject | undefined {
    return this.#store.byUid(uid)?.object;
  }

  subscribe(filter: SubscribeFilter, listener: CacheListener): () => void {
    return this.#store.subscribe(filter, listener);
  }

  reader(): KubeReader {
    return {
      get: async (key: ObjectKey, options: GetOptions) => {
        throwIfAborted(options.signal);
        const slash = key.apiVersion.indexOf('/');
        const group = slash < 0 ? '' : key.apiVersion.slice(0, slash);
        const gk = groupKindKey({ group, kind: key.kind });
        const r = this.#discovered.get(gk);
        const inScope =
          !r?.namespaced || !this.#o.namespaces || this.#o.namespaces.includes(key.namespace ?? '');
        if (r && inScope && this.#isSynced(gk)) {
          const e = this.#store.get({
            group,
            kind: key.kind,
            namespace: r.namespaced ? (key.namespace ?? '') : '',
            name: key.name,
          });
          return e && withManagedFields(e);
        }
        return this.#o.client.get(key, options);
      },
      list: (gvk, options) => this.#o.client.list(gvk, options),
    };
  }

  #isSynced(gk: string): boolean {
    const ids = [...this.#watchers.keys()].filter((id) => id.startsWith(`${gk}@`));
    return ids.length > 0 && ids.every((id) => this.#syncedIds.has(id));
  }

  stats(): CacheStats {
    return {
      objects: this.#store.size,
      kinds: new Set([...this.#watchers.values()].map((w) => groupKindOfResource(w.resource))).size,
      watches: this.#watchers.size,
      lists: this.#lists,
    };
  }
}

/** Waits for `promise` unless `signal` fires first. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  throwIfAborted(signal);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new AbortedError('cache wait aborted', { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** Starts watching at once; `synced()` tells when the first lists are in. */
export function createClusterCache(
  options: Partial<ClusterCacheOptions> & Pick<ClusterCacheOptions, 'client' | 'signal'>,
): ClusterCache {
  return new Cache({ ...defaultClusterCacheOptions, ...options });
}
