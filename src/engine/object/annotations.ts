/**
 * Every annotation and label key the engine reads or writes, in one bottom-layer file so that
 * health, diff and sync share the vocabulary without importing each other (gitops-engine keeps these
 * under `sync/`, which makes `health` reach sideways into it).
 */
export const ARGO_SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
export const ARGO_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const ARGO_HOOK = 'argocd.argoproj.io/hook';
export const ARGO_HOOK_DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';
export const ARGO_HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';
export const ARGO_DELETION_APPROVED = 'argocd.argoproj.io/deletion-approved';
export const ARGO_IGNORE_RESTART_POLICY = 'argocd.argoproj.io/ignore-restart-policy';
export const ARGO_IGNORE_HEALTHCHECK = 'argocd.argoproj.io/ignore-healthcheck';
export const ARGO_COMPARE_OPTIONS = 'argocd.argoproj.io/compare-options';
export const ARGO_TRACKING_ID = 'argocd.argoproj.io/tracking-id';
export const ARGO_INSTALLATION_ID = 'argocd.argoproj.io/installation-id';
/** The legacy label tracking method's default key (`application.instanceLabelKey`). */
export const APP_INSTANCE_LABEL = 'app.kubernetes.io/instance';

export const HELM_HOOK = 'helm.sh/hook';
export const HELM_HOOK_WEIGHT = 'helm.sh/hook-weight';
export const HELM_HOOK_DELETE_POLICY = 'helm.sh/hook-delete-policy';
export const HELM_RESOURCE_POLICY = 'helm.sh/resource-policy';

export const FLUX_NAME_LABEL = 'kustomize.toolkit.fluxcd.io/name';
export const FLUX_NAMESPACE_LABEL = 'kustomize.toolkit.fluxcd.io/namespace';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The comma-separated values of an annotation, trimmed, empty ones dropped, duplicates removed. */
export function annotationCsv(annotations: Record<string, string> | undefined, key: string): string[] {
  const raw = annotations?.[key];
  if (raw === undefined) return [];
  return [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
}
