/**
 * Pairs desired objects with live ones (gitops-engine `Reconcile`): hooks go aside, a desired object
 * without namespace takes the application's destination namespace when its kind is namespaced
 * (unknown scope is left to the server), and
 * every tracked live object no desired one claims becomes a prune candidate.
 */
import type { KubeObject } from '../../core/index.ts';
import { formatKey, keyOf } from '../object/key.ts';
import { isHook, isSkipped } from './hooks.ts';

export interface ResourcePair {
  target: KubeObject | undefined;
  live: KubeObject | undefined;
}

export interface Reconciled {
  resources: ResourcePair[];
  hooks: KubeObject[];
}

/** `undefined` when the scope is unknown (no CRD yet): both keys are then tried, as Argo CD does. */
export type IsNamespaced = (group: string, kind: string) => boolean | undefined;

export function reconcile(
  targets: readonly KubeObject[],
  live: readonly KubeObject[],
  namespace: string,
  isNamespaced: IsNamespaced,
): Reconciled {
  const liveByKey = new Map(live.map((o) => [formatKey(keyOf(o)), o]));
  const resources: ResourcePair[] = [];
  const hooks: KubeObject[] = [];
  for (const t of targets) {
    if (isSkipped(t)) continue;
    if (isHook(t)) {
      hooks.push(t);
      continue;
    }
    const k = keyOf(t);
    const scoped = isNamespaced(k.group, k.kind);
    const candidates: string[] = [];
    if (scoped !== false) candidates.push(formatKey({ ...k, namespace: k.namespace || namespace }));
    if (scoped !== true) candidates.push(formatKey({ ...k, namespace: '' }));
    const found = candidates.find((c) => liveByKey.has(c));
    const target =
      scoped === true && !k.namespace && namespace ? { ...t, metadata: { ...t.metadata, namespace } } : t;
    resources.push({ target, live: found === undefined ? undefined : liveByKey.get(found) });
    if (found !== undefined) liveByKey.delete(found);
  }
  for (const l of liveByKey.values()) resources.push({ target: undefined, live: l });
  return { resources, hooks };
}
