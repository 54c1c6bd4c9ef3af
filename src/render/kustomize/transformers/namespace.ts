/** `namespace:` — kustomize's NamespaceTransformer (api/filters/namespace). */
import { KustomizeError } from '../errors.ts';
import { applyFieldSpec, isMap, type Container } from '../fieldspec.ts';
import type { FieldSpec } from '../kustomization.ts';
import { idKey, resIdString } from '../resid.ts';
import type { ResMap } from '../resmap.ts';
import type { KObject } from '../resource.ts';
import type { Transformer } from './transformer.ts';

export type RoleBindingSubjectMode = 'defaultOnly' | 'allServiceAccounts' | 'none' | '';

export interface NamespaceConfig {
  namespace: string;
  fieldSpecs: FieldSpec[];
  unsetOnly?: boolean;
  setRoleBindingSubjects?: RoleBindingSubjectMode;
}

export function namespaceTransformer(c: NamespaceConfig): Transformer {
  const mode = c.setRoleBindingSubjects || 'defaultOnly';
  if (!['defaultOnly', 'allServiceAccounts', 'none'].includes(mode)) {
    throw new KustomizeError(
      `invalid value "${mode}" for setRoleBindingSubjects: must be one of "defaultOnly", "none" or "allServiceAccounts"`,
    );
  }
  const set = (container: Container, key: string | number): void => {
    const o = container as Record<string | number, unknown>;
    if (c.unsetOnly) {
      const v = o[key];
      if (v !== null && v !== undefined && v !== '' && !isMap(v)) return;
      if (isMap(v) && typeof v['namespace'] === 'string' && v['namespace'] !== '') return;
    }
    o[key] = c.namespace;
  };
  return {
    name: 'NamespaceTransformer',
    transform(m: ResMap): void {
      if (!c.namespace) return;
      for (const r of m.resources()) {
        if (r.isEmpty()) continue;
        r.storePreviousId();
        const obj = r.obj;
        const apiVersion = typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : '';
        let specs = c.fieldSpecs.filter(
          (fs) => fs.path !== 'metadata/namespace' && !(apiVersion !== 'v1' && fs.path === 'metadata/name'),
        );
        if (!r.curId().clusterScoped) {
          applyFieldSpec(obj, { path: 'metadata/namespace', create: true }, set, 'scalar');
        }
        const kind = r.getKind();
        if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
          specs = specs.filter(
            (fs) =>
              !(
                (fs.kind === 'RoleBinding' || fs.kind === 'ClusterRoleBinding') &&
                fs.path === 'subjects/namespace'
              ),
          );
          roleBindingSubjects(obj, mode, c.namespace, c.unsetOnly === true);
        }
        for (const fs of specs) applyFieldSpec(obj, fs, set, 'scalar');
        r.step(`NamespaceTransformer(${c.namespace})`);
      }
      // kustomize checks after each resource; checking once at the end fails on the same inputs.
      const seen = new Set<string>();
      for (const r of m.list) {
        const k = idKey(r.curId());
        if (seen.has(k))
          throw new KustomizeError(
            `namespace transformation produces ID conflict: ${resIdString(r.curId())}`,
          );
        seen.add(k);
      }
    },
  };
}

function roleBindingSubjects(obj: KObject, mode: string, ns: string, unsetOnly: boolean): void {
  if (mode === 'none') return;
  const subjects = obj['subjects'];
  if (!Array.isArray(subjects)) return;
  for (const s of subjects) {
    if (!isMap(s)) continue;
    const match = mode === 'allServiceAccounts' ? s['kind'] === 'ServiceAccount' : s['name'] === 'default';
    if (!match) continue;
    if (unsetOnly && typeof s['namespace'] === 'string' && s['namespace'] !== '') continue;
    s['namespace'] = ns;
  }
}
