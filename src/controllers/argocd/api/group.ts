export const ARGOCD_GROUP = 'argoproj.io';
export const ARGOCD_API_VERSION = 'argoproj.io/v1alpha1';

/** Argo CD's labels on its CRDs (tools select them by `part-of`), plus who installed them. */
export function argocdLabels(plural: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': `${plural}.${ARGOCD_GROUP}`,
    'app.kubernetes.io/part-of': 'argocd',
    'app.kubernetes.io/managed-by': 'capstan',
  };
}
