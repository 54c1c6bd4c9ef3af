/**
 * Resource identity as kustomize (kyaml/resid) defines it: group/version/kind plus name and
 * namespace, where an empty namespace and `default` are the same and cluster-scoped kinds have
 * none. The string forms are part of kustomize's error messages, so they are kept exactly.
 */
import { isClusterScoped } from './scope.ts';

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export interface ResId extends Gvk {
  name: string;
  namespace: string;
  /** Derived from the kind; cached because it is consulted in every comparison. */
  clusterScoped: boolean;
}

export const TOTALLY_NOT_A_NAMESPACE = '_non_namespaceable_';

export function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i > -1
    ? { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) }
    : { group: '', version: apiVersion };
}

export function apiVersionOf(g: Gvk): string {
  return g.group ? `${g.group}/${g.version}` : g.version;
}

export function makeResId(
  gvk: Gvk,
  name: string,
  namespace: string,
  extraScoped?: ReadonlySet<string>,
): ResId {
  return {
    group: gvk.group,
    version: gvk.version,
    kind: gvk.kind,
    name,
    namespace,
    clusterScoped: isClusterScoped(apiVersionOf(gvk), gvk.kind, extraScoped),
  };
}

export function gvkString(g: Gvk): string {
  return `${g.kind || '[noKind]'}.${g.version || '[noVer]'}.${g.group || '[noGrp]'}`;
}

/** `Kind.version.group/name.namespace`, as kustomize prints ids. */
export function resIdString(id: ResId): string {
  return `${gvkString(id)}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

export function effectiveNamespace(id: ResId): string {
  if (id.clusterScoped) return TOTALLY_NOT_A_NAMESPACE;
  return id.namespace === '' || id.namespace === 'default' ? 'default' : id.namespace;
}

export function gvkEquals(a: Gvk, b: Gvk): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

export function gvknEquals(a: ResId, b: ResId): boolean {
  return a.name === b.name && gvkEquals(a, b);
}

export function idEquals(a: ResId, b: ResId): boolean {
  return effectiveNamespace(a) === effectiveNamespace(b) && gvknEquals(a, b);
}

/** A string key equal for ids that `idEquals` treats as the same. */
export function idKey(id: ResId): string {
  return `${id.group}|${id.version}|${id.kind}|${id.name}|${effectiveNamespace(id)}`;
}

/** Whether `g` matches the selector (empty selector fields match anything). */
export function gvkSelected(g: Gvk, sel: Partial<Gvk> | undefined): boolean {
  if (!sel) return true;
  if (sel.group && g.group !== sel.group) return false;
  if (sel.version && g.version !== sel.version) return false;
  if (sel.kind && g.kind !== sel.kind) return false;
  return true;
}

export function isNsEquals(a: ResId, b: ResId): boolean {
  return effectiveNamespace(a) === effectiveNamespace(b);
}

/** Parses kustomize's id string form (used in the refBy build annotation). */
export function resIdFromString(s: string): ResId {
  const slash = s.indexOf('/');
  const gvkPart = slash < 0 ? s : s.slice(0, slash);
  const rest = slash < 0 ? '' : s.slice(slash + 1);
  const parts = gvkPart.split('.');
  let gvk: Gvk = { group: '', version: '', kind: '' };
  if (parts.length >= 3) {
    const k = parts[0]!;
    const v = parts[1]!;
    const g = parts.slice(2).join('.');
    gvk = {
      kind: k === '[noKind]' ? '' : k,
      version: v === '[noVer]' ? '' : v,
      group: g === '[noGrp]' ? '' : g,
    };
  }
  const vals = rest.split('.');
  const ns = vals[vals.length - 1] ?? '';
  const nm = vals.slice(0, -1).join('.');
  return makeResId(gvk, nm === '[noName]' ? '' : nm, ns === '[noNs]' ? '' : ns);
}
