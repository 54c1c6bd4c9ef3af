/**
 * Name references (api/filters/nameref): after renames (prefix, suffix, hash, patches), every
 * field that names a renamed object — `configMapRef.name`, `roleRef.name`, `serviceName`, … from
 * the name-reference table — is updated to the new name. A candidate must have had the old name
 * among its previous names, be of the referenced kind, be reachable from the referrer's namespace,
 * and, when several remain, share the referrer's prefixes and suffixes.
 */
import { KustomizeError } from '../errors.ts';
import { applyFieldSpec, isMap, type Container } from '../fieldspec.ts';
import type { NameBackReference } from '../field-specs/name-reference.ts';
import {
  effectiveNamespace,
  gvkSelected,
  isNsEquals,
  resIdString,
  TOTALLY_NOT_A_NAMESPACE,
  type Gvk,
} from '../resid.ts';
import type { ResMap } from '../resmap.ts';
import { scalarText, type Resource } from '../resource.ts';
import { setScalarText } from '../set-scalar.ts';
import type { Transformer } from './transformer.ts';

/** utils.SameEndingSubSlice: the shorter list is a suffix of the longer; empty matches only empty. */
function sameEndingSubSlice(a: string[], b: string[]): boolean {
  const [short, long] = a.length > b.length ? [b, a] : [a, b];
  const diff = long.length - short.length;
  if (short.length === 0) return diff === 0;
  for (let i = short.length - 1; i >= 0; i--) if (long[i + diff] !== short[i]) return false;
  return true;
}

function prefixesSuffixesEqual(r: Resource, o: Resource, allowEmpty: boolean): boolean {
  const rp = r.getNamePrefixes();
  const op = o.getNamePrefixes();
  const rs = r.getNameSuffixes();
  const os = o.getNameSuffixes();
  if (allowEmpty) {
    return (
      (rp.length === 0 || op.length === 0 || sameEndingSubSlice(rp, op)) &&
      (rs.length === 0 || os.length === 0 || sameEndingSubSlice(rs, os))
    );
  }
  return sameEndingSubSlice(rp, op) && sameEndingSubSlice(rs, os);
}

/** Resources a namespaced referrer may point at: cluster-scoped ones, its namespace, RoleBinding subjects' namespaces. */
function candidatesFor(m: ResMap, referrer: Resource): Set<Resource> {
  const rid = referrer.curId();
  if (rid.clusterScoped) return new Set(m.list);
  const rbNamespaces = new Set<string>();
  if (referrer.getKind() === 'RoleBinding' && Array.isArray(referrer.obj['subjects'])) {
    for (const s of referrer.obj['subjects']) {
      if (
        isMap(s) &&
        Object.hasOwn(s, 'namespace') &&
        Object.hasOwn(s, 'kind') &&
        s['kind'] === 'ServiceAccount'
      ) {
        if (typeof s['namespace'] === 'string') rbNamespaces.add(s['namespace']);
        else
          throw new KustomizeError(`Invalid Input: namespace is blank for resource "${resIdString(rid)}"\n`);
      }
    }
  }
  return new Set(
    m.list.filter((t) => {
      const id = t.curId();
      return id.clusterScoped || isNsEquals(id, rid) || rbNamespaces.has(t.getNamespace());
    }),
  );
}

/** Previous ids and a by-previous-name index, computed once per run (renames do not happen here). */
interface Index {
  prev: Map<Resource, ReturnType<Resource['prevIds']>>;
  byPrevName: Map<string, Resource[]>;
}

function buildIndex(resources: Resource[]): Index {
  const prev = new Map<Resource, ReturnType<Resource['prevIds']>>();
  const byPrevName = new Map<string, Resource[]>();
  for (const r of resources) {
    const ids = r.prevIds();
    prev.set(r, ids);
    for (const n of new Set(ids.map((id) => id.name))) {
      let l = byPrevName.get(n);
      if (!l) byPrevName.set(n, (l = []));
      l.push(r);
    }
  }
  return { prev, byPrevName };
}

interface RefFilter {
  referrer: Resource;
  fs: { path: string; group?: string; version?: string; kind?: string };
  target: Gvk;
}

export function nameReferenceTransformer(backRefs: NameBackReference[]): Transformer {
  return {
    name: 'NameReferenceTransformer',
    transform(m: ResMap): void {
      const resources = m.resources();
      const orgIds = resources.map((r) => r.orgId());
      // Referrer specs name a kind: look at resources of that (original) kind only.
      const byKind = new Map<string, number[]>();
      orgIds.forEach((id, i) => {
        let l = byKind.get(id.kind);
        if (!l) byKind.set(id.kind, (l = []));
        l.push(i);
      });
      const all = resources.map((_, i) => i);
      const filters = new Map<Resource, RefFilter[]>();
      for (const br of backRefs) {
        const target: Gvk = { group: br.group ?? '', version: br.version ?? '', kind: br.kind };
        for (const fs of br.fieldSpecs) {
          for (const i of fs.kind ? (byKind.get(fs.kind) ?? []) : all) {
            if (!gvkSelected(orgIds[i]!, fs)) continue;
            const r = resources[i]!;
            let l = filters.get(r);
            if (!l) filters.set(r, (l = []));
            l.push({ referrer: r, fs, target });
          }
        }
      }
      const index = buildIndex(resources);
      // Candidate sets depend only on the referrer's namespace: share them.
      const byNs = new Map<string, Set<Resource>>();
      for (const [r, list] of filters) {
        const isRb = r.getKind() === 'RoleBinding';
        const nsKey = effectiveNamespace(r.curId());
        let cands = isRb || nsKey === TOTALLY_NOT_A_NAMESPACE ? undefined : byNs.get(nsKey);
        if (!cands) {
          cands = candidatesFor(m, r);
          if (!isRb && nsKey !== TOTALLY_NOT_A_NAMESPACE) byNs.set(nsKey, cands);
        }
        for (const f of list) applyRef(f, cands, index);
      }
    },
  };
}

function applyRef(f: RefFilter, candidates: Set<Resource>, index: Index): void {
  const r = f.referrer;
  const gvk = r.getGvk();
  const fs = { path: f.fs.path, group: gvk.group, version: gvk.version, kind: gvk.kind };
  const setScalar = (c: Container, k: string | number): void => {
    const cur = scalarText((c as Record<string | number, unknown>)[k]);
    const referral = selectReferral(f, cur, candidates, index, (rs) =>
      rs.every((x) => x.getName() === rs[0]!.getName()),
    );
    if (!referral) return;
    referral.appendRefBy(resIdString(r.curId()));
    if (referral.getName() === cur) return;
    setScalarText(c, k, referral.getName());
    r.step(`NameReferenceTransformer(${f.fs.path}: ${cur} → ${referral.getName()})`);
  };
  const setMapping = (node: Record<string, unknown>): void => {
    if (!Object.hasOwn(node, 'name')) throw new KustomizeError("path config error; no 'name' field in node");
    let cands = candidates;
    if (Object.hasOwn(node, 'namespace')) {
      const ns = scalarText(node['namespace']);
      const all = [...candidates];
      const orgNs = (c: Resource): string => effectiveNamespace(index.prev.get(c)?.[0] ?? c.curId());
      const byOrg = all.filter((c) => orgNs(c) === ns);
      cands = new Set(byOrg.length > 0 ? byOrg : all.filter((c) => effectiveNamespace(c.curId()) === ns));
    }
    const oldName = scalarText(node['name']);
    const referral = selectReferral(f, oldName, cands, index, (rs) =>
      rs.every((x) => x.getName() === rs[0]!.getName() && x.getNamespace() === rs[0]!.getNamespace()),
    );
    if (!referral) return;
    referral.appendRefBy(resIdString(r.curId()));
    if (referral.getName() === oldName && referral.getNamespace() === '') return;
    setScalarText(node, 'name', referral.getName());
    if (referral.getNamespace() !== '') setScalarText(node, 'namespace', referral.getNamespace());
    r.step(`NameReferenceTransformer(${f.fs.path}: ${oldName} → ${referral.getName()})`);
  };
  try {
    applyFieldSpec(
      r.obj,
      fs,
      (c, k) => {
        const v = (c as Record<string | number, unknown>)[k];
        if (v === null || v === undefined) return;
        if (Array.isArray(v)) {
          v.forEach((el, i) => {
            if (isMap(el)) setMapping(el);
            else if (el !== null && typeof el !== 'object') setScalar(v, i);
          });
        } else if (isMap(v)) setMapping(v);
        else setScalar(c, k);
      },
      undefined,
    );
  } catch (err) {
    throw new KustomizeError(
      `updating name reference in '${f.fs.path}' field of '${resIdString(r.curId())}': ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

function roleRefGvk(r: Resource): Gvk | undefined {
  const rr = r.obj['roleRef'];
  if (!isMap(rr) || !Object.hasOwn(rr, 'apiGroup') || !Object.hasOwn(rr, 'kind')) return undefined;
  return { group: scalarText(rr['apiGroup']), version: '', kind: scalarText(rr['kind']) };
}

function selectReferral(
  f: RefFilter,
  oldName: string,
  candidates: Set<Resource>,
  index: Index,
  identical: (rs: Resource[]) => boolean,
): Resource | undefined {
  const prev = (r: Resource): ReturnType<Resource['prevIds']> => index.prev.get(r) ?? [];
  let c = (index.byPrevName.get(oldName) ?? []).filter((r) => candidates.has(r));
  c = c.filter((r) => prev(r).some((id) => gvkSelected(id, f.target)));
  if (f.fs.path.endsWith('roleRef/name')) {
    const g = roleRefGvk(f.referrer);
    if (g) c = c.filter((r) => prev(r).some((id) => gvkSelected(id, g)));
  }
  const rid = f.referrer.curId();
  if (!rid.clusterScoped) {
    c = c.filter((r) => {
      const id = r.curId();
      return id.clusterScoped || r.getKind() === 'ServiceAccount' || isNsEquals(rid, id);
    });
  }
  if (c.length === 1) return c[0];
  c = c.filter((r) => prefixesSuffixesEqual(r, f.referrer, true));
  if (c.length > 1) c = c.filter((r) => prefixesSuffixesEqual(r, f.referrer, false));
  if (c.length === 1) return c[0];
  if (c.length === 0) return undefined;
  if (identical(c)) return c[0];
  throw new KustomizeError(
    `found multiple possible referrals: ${c.map((r) => resIdString(r.curId())).join(', ')}`,
  );
}
