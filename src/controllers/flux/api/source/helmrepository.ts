/**
 * HelmRepository (`source.toolkit.fluxcd.io/v1`, also v1beta2 with the same fields): a Helm
 * chart repository index (`default`) or an OCI registry (`oci`).
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type { AccessFrom, Artifact, LocalObjectReference, ReconcileStatus } from '../meta.ts';

export interface HelmRepository extends KubeObject {
  apiVersion: 'source.toolkit.fluxcd.io/v1';
  kind: 'HelmRepository';
  metadata: ObjectMeta & { name: string };
  spec: HelmRepositorySpec;
  status?: HelmRepositoryStatus;
}

export interface HelmRepositorySpec {
  /** `http(s)://` for an index, `oci://` for a registry. */
  url: string;
  secretRef?: LocalObjectReference;
  certSecretRef?: LocalObjectReference;
  passCredentials?: boolean;
  /** Not used for `oci` repositories, which are not fetched on their own. */
  interval?: string;
  insecure?: boolean;
  timeout?: string;
  suspend?: boolean;
  accessFrom?: AccessFrom;
  type?: 'default' | 'oci';
  provider?: 'generic' | 'aws' | 'azure' | 'gcp';
}

export interface HelmRepositoryStatus extends ReconcileStatus {
  /** The index artifact (absent for `oci`). */
  artifact?: Artifact;
  /** Where the index is served. */
  url?: string;
}
