/**
 * `capstan install`: the manifests that install Capstan into a cluster. For now the CRDs of the
 * APIs it serves (Argo CD's and Flux's); RBAC and Deployments come with the controllers.
 */
import { stringify } from 'yaml';
import { CapstanError, type KubeObject } from '../core/index.ts';
import { argocdCrds } from '../controllers/argocd/index.ts';
import { fluxCrds } from '../controllers/flux/index.ts';

export interface InstallManifestsOptions {
  /** Only the CustomResourceDefinitions. */
  crdsOnly: boolean;
  output: 'yaml' | 'json';
}

export const defaultInstallManifestsOptions: InstallManifestsOptions = { crdsOnly: false, output: 'yaml' };

/** The objects `capstan install` prints, in apply order (CRDs first). */
export function installManifests(options: Partial<InstallManifestsOptions> = {}): KubeObject[] {
  const o = { ...defaultInstallManifestsOptions, ...options };
  if (!o.crdsOnly) {
    throw new CapstanError(
      'install: only the CRDs (--crds) can be printed so far; RBAC and Deployments come with the controllers',
      { code: 'NOT_IMPLEMENTED' },
    );
  }
  return [...argocdCrds(), ...fluxCrds()];
}

/**
 * The manifests as text: YAML documents separated by `---` (for `kubectl apply --server-side -f -`;
 * the ApplicationSet CRD is too large for client-side apply's annotation, as with Argo CD's), or
 * one JSON `List`.
 */
export function installManifestsText(options: Partial<InstallManifestsOptions> = {}): string {
  const o = { ...defaultInstallManifestsOptions, ...options };
  const objects = installManifests(o);
  if (o.output === 'json')
    return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2) + '\n';
  return objects.map((obj) => stringify(obj, { lineWidth: 0 })).join('---\n');
}
