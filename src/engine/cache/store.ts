/**
 * The cache's memory: entries by key with three indexes — by uid, by owner uid (children, for
 * resource trees and for finding the application a Pod's change concerns) and by tracking owner
 * (an application's live objects) — and the subscriptions that changes are delivered to.
 *
 * A change notifies the applications that track the object and those that track any of its
 * ancestors (a Pod's ReplicaSet's Deployment), before and after the change, so a controller
 * re-evaluates an app when anything in its tree moves.
 */
import type { KubeObject } from '../../core/index.ts';
import { formatKey, type ResourceKey } from '../object/key.ts';
import { toEntry, type CacheEntry } from './entry.ts';

export type CacheEventType = 'added' | 'modified' | 'deleted';

/** One application: a tracker's name (`argocd`, `flux`) and the owner it reads (`guestbook`). */
export interface AppRef {
  tracker: string;
  owner: string;
}

export interface CacheEvent {
  type: CacheEventType;
  key: ResourceKey;
  /** The object after the change; for `deleted`, the last one seen. Never change it. */
  object: KubeObject;
  previous: KubeObject | undefined;
  /** Applications whose tree the object is (or was) part of. */
  apps: AppRef[];
}

export type CacheListener = (event: CacheEvent) => void;

/** Empty: every change. `app`: changes in that application's tree. `key`: changes of one object. */
export interface SubscribeFilter {
  app?: AppRef;
  key?: ResourceKey;
}

const appId = (a: AppRef) => `${a.tracker}\u0000${a.owner}`;

function addTo<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  let set = map.get(k);
  if (!set) map.set(k, (set = new Set()));
  set.add(v);
}

function deleteFrom<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  const set = map.get(k);
  if (!set) return;
  set.delete(v);
  if (set.size === 0) map.delete(k);
}

export class CacheStore {
  readonly #byId = new Map<string, CacheEntry>();
  readonly #byUid = new Map<string, string>();
  readonly #children = new Map<string, Set<string>>();
  readonly #owned = new Map<string, Set<string>>();
  readonly #byKind = new Map<string, Set<string>>();
  readonly #subsAll = new Set<CacheListener>();
  readonly #subsByApp = new Map<string, Set<CacheListener>>();
  readonly #subsById = new Map<string, Set<CacheListener>>();
  readonly #ownersOf: (obj: KubeObject) => ReadonlyMap<string, string>;

  constructor(ownersOf: (obj: KubeObject) => ReadonlyMap<string, string>) {
    this.#ownersOf = ownersOf;
  }

  get size(): number {
    return this.#byId.size;
  }

  get(key: ResourceKey): CacheEntry | undefined {
    return this.#byId.get(formatKey(key));
  }

  byUid(uid: string): CacheEntry | undefined {
    const id = this.#byUid.get(uid);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  /** Objects whose ownerReferences name `uid`. */
  children(uid: string): CacheEntry[] {
    return [...(this.#children.get(uid) ?? [])].flatMap((id) => this.#byId.get(id) ?? []);
  }

  owned(app: AppRef): CacheEntry[] {
    return [...(this.#owned.get(appId(app)) ?? [])].flatMap((id) => this.#byId.get(id) ?? []);
  }

  /** Entries of one `group/Kind` (`Kind` for the core group), optionally in one namespace. */
  ofKind(groupKind: string, namespace?: string): CacheEntry[] {
    const out: CacheEntry[] = [];
    for (const id of this.#byKind.get(groupKind) ?? []) {
      const e = this.#byId.get(id);
      if (e && (namespace === undefined || e.key.namespace === namespace)) out.push(e);
    }
    return out;
  }

  all(): IterableIterator<CacheEntry> {
    return this.#byId.values();
  }

  /** Stores a watched object; no-op (and no event) when its resourceVersion is already stored. */
  upsert(obj: KubeObject): void {
    const id = toEntryId(obj);
    const prev = this.#byId.get(id);
    if (prev && prev.object.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    const next = toEntry(obj, this.#ownersOf(obj));
    if (prev) this.#unindex(prev);
    this.#byId.set(next.id, next);
    this.#index(next);
    this.#emit(prev ? 'modified' : 'added', next, prev);
    // Watches of different kinds race: a Pod may be cached before its ReplicaSet. When an owner
    // arrives after its dependents, they now belong to its applications: tell those.
    if (!prev) this.#announceDescendants(next);
  }

  #announceDescendants(owner: CacheEntry): void {
    const seen = new Set<string>([owner.id]);
    const walk = (uid: string | undefined, depth: number) => {
      if (!uid || depth > 10) return;
      for (const id of this.#children.get(uid) ?? []) {
        const child = this.#byId.get(id);
        if (!child || seen.has(id)) continue;
        seen.add(id);
        const apps = this.#appsOf(child);
        if (apps.length > 0)
          this.#dispatch(
            { type: 'modified', key: child.key, object: child.object, previous: child.object, apps },
            id,
          );
        walk(child.object.metadata.uid, depth + 1);
      }
    };
    walk(owner.object.metadata.uid, 0);
  }

  remove(key: ResourceKey): void {
    const prev = this.#byId.get(formatKey(key));
    if (!prev) return;
    // Ancestors' apps are read before the entry leaves the uid index.
    const apps = this.#appsOf(prev);
    this.#unindex(prev);
    this.#byId.delete(prev.id);
    this.#dispatch(
      { type: 'deleted', key: prev.key, object: prev.object, previous: prev.object, apps },
      prev.id,
    );
  }

  /** After a list: `objects` are all there is of `groupKind` (in `namespace`, if given). */
  replaceKind(groupKind: string, namespace: string | undefined, objects: readonly KubeObject[]): void {
    const seen = new Set<string>();
    for (const o of objects) {
      this.upsert(o);
      seen.add(toEntryId(o));
    }
    for (const e of this.ofKind(groupKind, namespace)) if (!seen.has(e.id)) this.remove(e.key);
  }

  subscribe(filter: SubscribeFilter, listener: CacheListener): () => void {
    if (filter.key) {
      const id = formatKey(filter.key);
      addTo(this.#subsById, id, listener);
      return () => deleteFrom(this.#subsById, id, listener);
    }
    if (filter.app) {
      const id = appId(filter.app);
      addTo(this.#subsByApp, id, listener);
      return () => deleteFrom(this.#subsByApp, id, listener);
    }
    this.#subsAll.add(listener);
    return () => this.#subsAll.delete(listener);
  }

  /** The applications an entry belongs to: its own tracking owners, then its ancestors'. */
  #appsOf(entry: CacheEntry): AppRef[] {
    const out = new Map<string, AppRef>();
    const seen = new Set<string>();
    const walk = (e: CacheEntry, depth: number) => {
      if (seen.has(e.id) || depth > 10) return;
      seen.add(e.id);
      for (const [tracker, owner] of e.owners) out.set(appId({ tracker, owner }), { tracker, owner });
      for (const ref of e.object.metadata.ownerReferences ?? []) {
        const parent = this.byUid(ref.uid);
        if (parent) walk(parent, depth + 1);
      }
    };
    walk(entry, 0);
    return [...out.values()];
  }

  #emit(type: CacheEventType, next: CacheEntry, prev: CacheEntry | undefined): void {
    const apps = this.#appsOf(next);
    if (prev) {
      const have = new Set(apps.map(appId));
      for (const [tracker, owner] of prev.owners) {
        if (!have.has(appId({ tracker, owner }))) apps.push({ tracker, owner });
      }
    }
    this.#dispatch({ type, key: next.key, object: next.object, previous: prev?.object, apps }, next.id);
  }

  #dispatch(event: CacheEvent, id: string): void {
    const listeners = new Set<CacheListener>(this.#subsAll);
    for (const l of this.#subsById.get(id) ?? []) listeners.add(l);
    for (const a of event.apps) for (const l of this.#subsByApp.get(appId(a)) ?? []) listeners.add(l);
    for (const l of listeners) l(event);
  }

  #index(e: CacheEntry): void {
    const uid = e.object.metadata.uid;
    if (uid) this.#byUid.set(uid, e.id);
    for (const ref of e.object.metadata.ownerReferences ?? []) addTo(this.#children, ref.uid, e.id);
    for (const [tracker, owner] of e.owners) addTo(this.#owned, appId({ tracker, owner }), e.id);
    addTo(this.#byKind, groupKindKey(e.key), e.id);
  }

  #unindex(e: CacheEntry): void {
    const uid = e.object.metadata.uid;
    if (uid && this.#byUid.get(uid) === e.id) this.#byUid.delete(uid);
    for (const ref of e.object.metadata.ownerReferences ?? []) deleteFrom(this.#children, ref.uid, e.id);
    for (const [tracker, owner] of e.owners) deleteFrom(this.#owned, appId({ tracker, owner }), e.id);
    deleteFrom(this.#byKind, groupKindKey(e.key), e.id);
  }
}

export function groupKindKey(k: { group: string; kind: string }): string {
  return k.group ? `${k.group}/${k.kind}` : k.kind;
}

function toEntryId(o: KubeObject): string {
  const slash = o.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : o.apiVersion.slice(0, slash);
  return formatKey({
    group,
    kind: o.kind,
    namespace: o.metadata.namespace ?? '',
    name: o.metadata.name ?? '',
  });
}
