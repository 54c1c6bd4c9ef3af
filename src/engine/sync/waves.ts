// Sync waves: `argocd.argoproj.io/sync-wave`, else Helm's `helm.sh/hook-weight`, else 0. Not an integer → ignored.
import type { KubeObject } from '../../core/index.ts';
import { ARGO_SYNC_WAVE, HELM_HOOK_WEIGHT } from '../object/annotations.ts';

function int(v: string | undefined): number | undefined {
  if (v === undefined || !/^[+-]?\d+$/.test(v.trim())) return undefined;
  const n = Number(v.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

export function syncWave(obj: KubeObject): number {
  const a = obj.metadata.annotations;
  return int(a?.[ARGO_SYNC_WAVE]) ?? int(a?.[HELM_HOOK_WEIGHT]) ?? 0;
}
