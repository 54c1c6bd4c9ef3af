import type { KubeObject } from '../../core/index.ts';
import { ClusterDataError } from '../errors.ts';
import type { Database } from './database.ts';

/**
 * One object as stored: the object (shared, never mutated after it is stored — copy before
 * changing), its JSON (served as-is to readers) and its resourceVersion.
 */
export interface StoredObject {
  readonly object: KubeObject;
  readonly json: string;
  readonly rv: number;
  /** `namespace/name`, the sort key of lists (a cluster-scoped object has namespace ''). */
  readonly key: string;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A committed change, in commit order. */
export interface StoreEvent {
  readonly type: EventType;
  /** The storage key of the resource: `apps/deployments`, `/configmaps`. */
  readonly resource: string;
  readonly namespace: string;
  readonly name: string;
  readonly rv: number;
  /** The object after the change; for DELETED, its last state stamped with the deletion's resourceVersion. */
  readonly current: StoredObject;
  /** The object before the change (absent for ADDED). */
  readonly previous: StoredObject | undefined;
}

export type StoreListener = (event: StoreEvent) => void;

/**
 * The single-writer store behind the API: every object in memory, written through to SQLite,
 * with one global resourceVersion counter (like an etcd revision). A change is durable once
 * `put`/`remove` returns; listeners (history, watches, the CRD registry) then see it
 * synchronously, in commit order.
 */
export class Store {
  readonly #db: Database;
  readonly #resources = new Map<string, ResourceObjects>();
  readonly #listeners = new Set<StoreListener>();
  #rv: number;

  constructor(db: Database) {
    this.#db = db;
    const { rv, rows } = db.load();
    this.#rv = rv;
    for (const row of rows) {
      let object: KubeObject;
      try {
        object = JSON.parse(row.body) as KubeObject;
      } catch (err) {
        throw new ClusterDataError(
          `${db.path}: stored object ${row.resource}/${row.namespace}/${row.name} is not valid JSON; the database is corrupt`,
          { cause: err },
        );
      }
      this.#objects(row.resource).set(stored(object, row.body, row.rv));
    }
  }

  /** The last resourceVersion handed out. */
  get rv(): number {
    return this.#rv;
  }

  get(resource: string, namespace: string, name: string): StoredObject | undefined {
    return this.#resources.get(resource)?.get(`${namespace}/${name}`);
  }

  /** Objects of one resource, sorted by namespace then name; only `namespace` when given. */
  list(resource: string, namespace?: string): readonly StoredObject[] {
    return this.#resources.get(resource)?.sorted(namespace) ?? [];
  }

  /** How many objects a resource has (in one namespace when given). */
  count(resource: string, namespace?: string): number {
    const objects = this.#resources.get(resource);
    if (!objects) return 0;
    return namespace === undefined ? objects.size : objects.sorted(namespace).length;
  }

  /** Storage keys that hold at least one object. */
  resources(): string[] {
    return [...this.#resources].filter(([, o]) => o.size > 0).map(([k]) => k);
  }

  /**
   * Stores `object` (taking ownership of it) under a new resourceVersion, which it writes into
   * `object.metadata.resourceVersion`.
   */
  put(resource: string, object: KubeObject): StoreEvent {
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name ?? '';
    const rv = this.#rv + 1;
    object.metadata.resourceVersion = String(rv);
    const json = JSON.stringify(object);
    this.#db.put(resource, namespace, name, rv, json);
    this.#rv = rv;
    const objects = this.#objects(resource);
    const previous = objects.get(`${namespace}/${name}`);
    const current = stored(object, json, rv);
    objects.set(current);
    return this.#emit({
      type: previous ? 'MODIFIED' : 'ADDED',
      resource,
      namespace,
      name,
      rv,
      current,
      previous,
    });
  }

  /**
   * Removes an object. `last` is its final state (e.g. with finalizers just emptied); the
   * stored one is used when absent. Returns undefined when there was nothing to remove.
   */
  remove(resource: string, namespace: string, name: string, last?: KubeObject): StoreEvent | undefined {
    const objects = this.#resources.get(resource);
    const previous = objects?.get(`${namespace}/${name}`);
    if (!objects || !previous) return undefined;
    const rv = this.#rv + 1;
    this.#db.delete(resource, namespace, name, rv);
    this.#rv = rv;
    objects.delete(previous.key);
    const final = structuredClone(last ?? previous.object);
    final.metadata.resourceVersion = String(rv);
    const current = stored(final, JSON.stringify(final), rv);
    return this.#emit({ type: 'DELETED', resource, namespace, name, rv, current, previous });
  }

  /** Calls `listener` after every commit, synchronously and in order. Returns the unsubscribe. */
  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#listeners.clear();
    this.#db.close();
  }

  #objects(resource: string): ResourceObjects {
    let objects = this.#resources.get(resource);
    if (!objects) {
      objects = new ResourceObjects();
      this.#resources.set(resource, objects);
    }
    return objects;
  }

  #emit(event: StoreEvent): StoreEvent {
    for (const listener of this.#listeners) listener(event);
    return event;
  }
}

function stored(object: KubeObject, json: string, rv: number): StoredObject {
  return { object, json, rv, key: `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}` };
}

/** One resource's objects with a lazily rebuilt sort order (rebuilt only when keys come or go). */
class ResourceObjects {
  readonly #byKey = new Map<string, StoredObject>();
  #sortedKeys: string[] | undefined;

  get size(): number {
    return this.#byKey.size;
  }

  get(key: string): StoredObject | undefined {
    return this.#byKey.get(key);
  }

  set(object: StoredObject): void {
    if (!this.#byKey.has(object.key)) this.#sortedKeys = undefined;
    this.#byKey.set(object.key, object);
  }

  delete(key: string): void {
    if (this.#byKey.delete(key)) this.#sortedKeys = undefined;
  }

  sorted(namespace?: string): StoredObject[] {
    this.#sortedKeys ??= [...this.#byKey.keys()].sort(compareKeys);
    const keys = this.#sortedKeys;
    if (namespace === undefined) return keys.map((k) => this.#byKey.get(k)!);
    // Keys sort by namespace first, so one namespace is a contiguous run found by binary search.
    const prefix = `${namespace}/`;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(keys[mid]!, prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: StoredObject[] = [];
    for (let i = lo; i < keys.length && keys[i]!.startsWith(prefix); i++)
      out.push(this.#byKey.get(keys[i]!)!);
    return out;
  }
}

/** Byte order on `namespace/name`, as etcd orders its keys. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
