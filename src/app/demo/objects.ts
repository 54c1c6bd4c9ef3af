/**
 * The demo's Argo CD Application and Flux GitRepository + Kustomization, pointing at the demo
 * repository. Automated sync with self-heal and prune, so `kubectl scale` is put back and a
 * deleted file is pruned, which is what the README walks through.
 */
import type { KubeObject } from '../../core/index.ts';
import { DEMO_NAMESPACES } from './files.ts';

export const DEMO_NAME = 'demo';

export function demoObjects(input: {
  repoUrl: string;
  argoNamespace: string;
  fluxNamespace: string;
}): KubeObject[] {
  return [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: DEMO_NAME, namespace: input.argoNamespace },
      spec: {
        project: 'default',
        source: { repoURL: input.repoUrl, targetRevision: 'HEAD', path: 'overlays/argocd' },
        destination: { server: 'https://kubernetes.default.svc', namespace: DEMO_NAMESPACES.argocd },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    },
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: DEMO_NAME, namespace: input.fluxNamespace },
      spec: { url: input.repoUrl, ref: { branch: 'main' }, interval: '1m' },
    },
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: DEMO_NAME, namespace: input.fluxNamespace },
      spec: {
        interval: '1m',
        path: './overlays/flux',
        prune: true,
        wait: true,
        timeout: '2m',
        sourceRef: { kind: 'GitRepository', name: DEMO_NAME },
      },
    },
  ];
}
