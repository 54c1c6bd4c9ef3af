import { parseApiVersion, type KubeObject } from '../core/index.ts';
import type { WatchEventType } from '../kube/index.ts';
import { requestOf, type Request } from './request.ts';

/** A change seen by a watch (or the cluster cache). `old` is the previous state, when known. */
export interface TriggerEvent {
  type: WatchEventType;
  object: KubeObject;
  old?: KubeObject | undefined;
}

/** Which requests an event concerns: the object itself, its owner, the apps tracking it… */
export type MapFunc = (event: TriggerEvent) => Iterable<Request>;

/** Whether an event is worth a reconcile at all. */
export type Predicate = (event: TriggerEvent) => boolean;

/** How events of one kind reach a controller's queue (controller-runtime's `Watches`). */
export interface Trigger {
  map: MapFunc;
  /** Every predicate must pass; none means every event (BOOKMARKs are always dropped). */
  predicates?: Predicate[];
}

/** The object's own request: for the controller's primary kind. */
export const mapToSelf: MapFunc = (event) => [requestOf(event.object)];

export interface OwnerMatch {
  /** The owner's API group (`''` for core, `apps`); omitted matches any group. */
  group?: string;
  kind: string;
  /** Only the owner reference with `controller: true` (default true, as EnqueueRequestForOwner with OnlyControllerOwner). */
  controllerOnly?: boolean;
  /** Owners are cluster-scoped: enqueue with namespace `''` instead of the dependent's. */
  clusterScoped?: boolean;
}

/** The owners of the object that match (owner references point within the dependent's namespace). */
export function mapToOwner(match: OwnerMatch): MapFunc {
  const controllerOnly = match.controllerOnly ?? true;
  return (event) => {
    const out: Request[] = [];
    for (const ref of event.object.metadata.ownerReferences ?? []) {
      if (ref.kind !== match.kind) continue;
      if (match.group !== undefined && parseApiVersion(ref.apiVersion).group !== match.group) continue;
      if (controllerOnly && ref.controller !== true) continue;
      out.push({
        namespace: match.clusterScoped ? '' : (event.object.metadata.namespace ?? ''),
        name: ref.name,
      });
    }
    return out;
  };
}

/**
 * Which requests refer to which keys, for mappings that go against the grain: "the Kustomizations
 * whose sourceRef is this GitRepository". A reconciler records what its object refers to with
 * `set`; a trigger looks the changed object up with `mapByIndex`.
 */
export class RequestIndex {
  readonly #byKey = new Map<string, Map<string, Request>>();
  readonly #keysOf = new Map<string, string[]>();

  /** Replaces the keys `request` refers to. */
  set(request: Request, keys: Iterable<string>): void {
    this.delete(request);
    const id = `${request.namespace}/${request.name}`;
    const list = [...new Set(keys)];
    this.#keysOf.set(id, list);
    for (const k of list) {
      let m = this.#byKey.get(k);
      if (!m) this.#byKey.set(k, (m = new Map<string, Request>()));
      m.set(id, request);
    }
  }

  /** Forgets `request` (its object was deleted). */
  delete(request: Request): void {
    const id = `${request.namespace}/${request.name}`;
    for (const k of this.#keysOf.get(id) ?? []) {
      const m = this.#byKey.get(k);
      m?.delete(id);
      if (m?.size === 0) this.#byKey.delete(k);
    }
    this.#keysOf.delete(id);
  }

  /** The requests that refer to `key`. */
  lookup(key: string): Request[] {
    return [...(this.#byKey.get(key)?.values() ?? [])];
  }
}

/** Maps an event to the requests that refer to `keyOf(object)` in `index`. */
export function mapByIndex(index: RequestIndex, keyOf: (obj: KubeObject) => string): MapFunc {
  return (event) => index.lookup(keyOf(event.object));
}

/** Creations, deletions and spec changes (`metadata.generation` moved); not status-only updates. */
export const generationChanged: Predicate = (event) =>
  event.type !== 'MODIFIED' ||
  event.old === undefined ||
  event.old.metadata.generation !== event.object.metadata.generation;

/** Updates where the annotation's value changed (or appeared); creations and deletions pass. */
export function annotationChanged(annotation: string): Predicate {
  return (event) => {
    if (event.type !== 'MODIFIED') return true;
    const now = event.object.metadata.annotations?.[annotation];
    if (now === undefined) return false;
    return event.old === undefined || event.old.metadata.annotations?.[annotation] !== now;
  };
}

/** Passes when any of the predicates passes. */
export function anyOf(...predicates: Predicate[]): Predicate {
  return (event) => predicates.some((p) => p(event));
}
