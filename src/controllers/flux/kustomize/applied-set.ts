/**
 * What each Kustomization applied last, kept in memory so that a watch event on one of its objects
 * reconciles it only when the object no longer holds what was applied (real drift), not when a
 * controller merely annotated it or moved its status. A false alarm costs one reconcile that finds
 * nothing to write; an object not known here always counts as drift.
 */
import type { KubeObject } from '../../../core/index.ts';
import { keyOf, type ResourceKey } from '../../../engine/index.ts';

const id = (k: ResourceKey) => `${k.group}/${k.kind}/${k.namespace}/${k.name}`;

/** Whether `live` has every field of `desired` with the same value (lists element by element). */
export function holds(live: unknown, desired: unknown): boolean {
  if (desired === null || typeof desired !== 'object') {
    const scalar = typeof live === 'string' || typeof live === 'number' || typeof live === 'boolean';
    return live === desired || (scalar && String(live) === String(desired));
  }
  if (Array.isArray(desired)) {
    return (
      Array.isArray(live) && live.length === desired.length && desired.every((d, i) => holds(live[i], d))
    );
  }
  if (live === null || typeof live !== 'object' || Array.isArray(live)) return false;
  const l = live as Record<string, unknown>;
  return Object.entries(desired).every(([k, v]) => holds(l[k], v));
}

export class AppliedSets {
  readonly #byOwner = new Map<string, Map<string, KubeObject>>();

  set(owner: string, objects: readonly KubeObject[]): void {
    this.#byOwner.set(owner, new Map(objects.map((o) => [id(keyOf(o)), o])));
  }

  delete(owner: string): void {
    this.#byOwner.delete(owner);
  }

  /** Whether `live` (an object of `owner`) drifted from what was applied. */
  drifted(owner: string, key: ResourceKey, live: KubeObject): boolean {
    const desired = this.#byOwner.get(owner)?.get(id(key));
    if (!desired) return true;
    const { status: _status, ...rest } = desired as KubeObject & { status?: unknown };
    return !holds(live, rest);
  }
}
