/**
 * OCIRepository (`source.toolkit.fluxcd.io/v1`, also v1beta2): an OCI artifact pulled at a tag,
 * semver range or digest. Served now so that it is accepted; its controller comes later.
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type { Artifact, LocalObjectReference, OCIVerification, ReconcileStatus } from '../meta.ts';

export interface OCIRepository extends KubeObject {
  apiVersion: 'source.toolkit.fluxcd.io/v1';
  kind: 'OCIRepository';
  metadata: ObjectMeta & { name: string };
  spec: OCIRepositorySpec;
  status?: OCIRepositoryStatus;
}

export interface OCIRepositorySpec {
  /** `oci://registry/repository`. */
  url: string;
  ref?: { digest?: string; semver?: string; semverFilter?: string; tag?: string };
  layerSelector?: OCILayerSelector;
  provider?: 'generic' | 'aws' | 'azure' | 'gcp';
  secretRef?: LocalObjectReference;
  verify?: OCIVerification;
  serviceAccountName?: string;
  certSecretRef?: LocalObjectReference;
  proxySecretRef?: LocalObjectReference;
  interval: string;
  timeout?: string;
  ignore?: string;
  insecure?: boolean;
  suspend?: boolean;
}

export interface OCILayerSelector {
  mediaType?: string;
  operation?: 'extract' | 'copy';
}

export interface OCIRepositoryStatus extends ReconcileStatus {
  url?: string;
  artifact?: Artifact;
  observedIgnore?: string;
  observedLayerSelector?: OCILayerSelector;
}
