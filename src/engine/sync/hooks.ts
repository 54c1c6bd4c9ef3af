/**
 * Hooks: resources annotated `argocd.argoproj.io/hook: PreSync|Sync|PostSync|SyncFail|PostDelete|
 * PreDelete|Skip` (comma-separated for several phases), or carrying Helm's `helm.sh/hook`, mapped as
 * Argo CD maps it: `pre-install`/`pre-upgrade` → PreSync, `post-install`/`post-upgrade` → PostSync,
 * `pre-delete` → PreDelete, `post-delete` → PostDelete; `crd-install` is a plain CRD, not a hook;
 * rollback and test hooks are ignored. An Argo CD hook annotation wins over every Helm one.
 */
import type { KubeObject } from '../../core/index.ts';
import {
  ARGO_HOOK,
  ARGO_HOOK_DELETE_POLICY,
  HELM_HOOK,
  HELM_HOOK_DELETE_POLICY,
  annotationCsv,
} from '../object/annotations.ts';

export type HookType = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail' | 'PreDelete' | 'PostDelete' | 'Skip';
export type HookDeletePolicy = 'HookSucceeded' | 'HookFailed' | 'BeforeHookCreation';

const ARGO_TYPES = new Set<string>([
  'PreSync',
  'Sync',
  'PostSync',
  'SyncFail',
  'PreDelete',
  'PostDelete',
  'Skip',
]);

const HELM_TYPES: Record<string, HookType> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
  'pre-delete': 'PreDelete',
  'post-delete': 'PostDelete',
};

const HELM_DELETE_POLICIES: Record<string, HookDeletePolicy> = {
  'before-hook-creation': 'BeforeHookCreation',
  'hook-succeeded': 'HookSucceeded',
  'hook-failed': 'HookFailed',
};

/** The hook types of an object, in annotation order, duplicates removed. */
export function hookTypes(obj: KubeObject): HookType[] {
  const a = obj.metadata.annotations;
  const argo = annotationCsv(a, ARGO_HOOK).filter((t): t is HookType => ARGO_TYPES.has(t));
  if (argo.length > 0) return argo;
  return [...new Set(annotationCsv(a, HELM_HOOK).flatMap((t) => HELM_TYPES[t] ?? []))];
}

/** `Skip` alone: the resource is neither applied nor a hook. */
export function isSkipped(obj: KubeObject): boolean {
  const types = hookTypes(obj);
  return types.length === 1 && types[0] === 'Skip';
}

export function isHook(obj: KubeObject): boolean {
  const a = obj.metadata.annotations ?? {};
  if (ARGO_HOOK in a) return !isSkipped(obj);
  return HELM_HOOK in a && a[HELM_HOOK] !== 'crd-install';
}

/** Delete policies; `BeforeHookCreation` when none is given (gitops-engine `DeletePolicies`). */
export function hookDeletePolicies(obj: KubeObject): HookDeletePolicy[] {
  const a = obj.metadata.annotations;
  const out = new Set<HookDeletePolicy>();
  for (const p of annotationCsv(a, ARGO_HOOK_DELETE_POLICY)) {
    if (p === 'HookSucceeded' || p === 'HookFailed' || p === 'BeforeHookCreation') out.add(p);
  }
  for (const p of annotationCsv(a, HELM_HOOK_DELETE_POLICY)) {
    const mapped = HELM_DELETE_POLICIES[p];
    if (mapped) out.add(mapped);
  }
  return out.size === 0 ? ['BeforeHookCreation'] : [...out];
}
