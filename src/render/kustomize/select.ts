/**
 * Patch and replacement targets (resWrangler.Select): group/version/kind/name/namespace as
 * anchored regular expressions, matched against the current or the original id, plus label and
 * annotation selectors.
 */
import { KustomizeError } from './errors.ts';
import type { Selector } from './kustomization.ts';
import { matchesLabelSelector } from './label-selector.ts';
import { effectiveNamespace } from './resid.ts';
import type { ResMap } from './resmap.ts';
import type { Resource } from './resource.ts';

function anchored(p: string | undefined): RegExp | undefined {
  if (!p) return undefined;
  try {
    return new RegExp(`^(?:${p})$`);
  } catch (err) {
    throw new KustomizeError(`error parsing regexp: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function selectorMatcher(s: Selector): (r: Resource) => boolean {
  const g = anchored(s.group);
  const v = anchored(s.version);
  const k = anchored(s.kind);
  const n = anchored(s.name);
  const ns = anchored(s.namespace);
  return (r) => {
    const cur = r.curId();
    const org = r.orgId();
    if (ns && !ns.test(effectiveNamespace(org)) && !ns.test(effectiveNamespace(cur))) return false;
    if (n && !n.test(org.name) && !n.test(cur.name)) return false;
    const gvk = r.getGvk();
    if (g && !g.test(gvk.group)) return false;
    if (v && !v.test(gvk.version)) return false;
    if (k && !k.test(gvk.kind)) return false;
    if (s.labelSelector && !matchesLabelSelector(s.labelSelector, r.getLabels())) return false;
    if (s.annotationSelector && !matchesLabelSelector(s.annotationSelector, r.getAnnotations())) return false;
    return true;
  };
}

export function select(m: ResMap, s: Selector): Resource[] {
  const match = selectorMatcher(s);
  return m.list.filter(match);
}

/** `%q`-ish print of a selector for error messages. */
export function selectorString(s: Selector): string {
  return JSON.stringify(s);
}
