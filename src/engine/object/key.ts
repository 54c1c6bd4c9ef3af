/**
 * The identity of an object inside the engine: group, kind, namespace and name, without the
 * version (the same object is served under several versions). Printed as `group/kind/ns/name`,
 * the key gitops-engine uses, and never shown to users: they see `formatRef`.
 */
import { parseApiVersion, type KubeObject } from '../../core/index.ts';

export interface ResourceKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export function keyOf(obj: KubeObject): ResourceKey {
  return {
    group: parseApiVersion(obj.apiVersion).group,
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
  };
}

export function formatKey(k: ResourceKey): string {
  return `${k.group}/${k.kind}/${k.namespace}/${k.name}`;
}

/** `formatKey(keyOf(obj))`. */
export function keyString(obj: KubeObject): string {
  return formatKey(keyOf(obj));
}

export function groupOf(obj: KubeObject): string {
  return parseApiVersion(obj.apiVersion).group;
}

/** `group/Kind`, or `Kind` for the core group: the key Argo CD's resource customizations use. */
export function groupKindOf(obj: KubeObject): string {
  const g = groupOf(obj);
  return g ? `${g}/${obj.kind}` : obj.kind;
}
