/**
 * ImageRepository (`image.toolkit.fluxcd.io/v1`, also served as v1beta2 and v1beta1): scans a
 * container image repository's tags every `interval`.
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type { AccessFrom, LocalObjectReference, ReconcileStatus } from '../meta.ts';

export interface ImageRepository extends KubeObject {
  apiVersion: 'image.toolkit.fluxcd.io/v1';
  kind: 'ImageRepository';
  metadata: ObjectMeta & { name: string };
  spec: ImageRepositorySpec;
  status?: ImageRepositoryStatus;
}

export interface ImageRepositorySpec {
  /** `alpine` means `docker.io/library/alpine` (see `status.canonicalImageName`). */
  image: string;
  interval: string;
  /** `interval` when unset. */
  timeout?: string;
  /** A `kubernetes.io/dockerconfigjson` Secret. */
  secretRef?: LocalObjectReference;
  serviceAccountName?: string;
  certSecretRef?: LocalObjectReference;
  proxySecretRef?: LocalObjectReference;
  suspend?: boolean;
  accessFrom?: AccessFrom;
  /** Tag regexes to skip; `^.*\.sig$` (cosign signatures) when unset. */
  exclusionList?: string[];
  provider?: 'generic' | 'aws' | 'azure' | 'gcp';
  insecure?: boolean;
}

export interface ImageRepositoryStatus extends ReconcileStatus {
  canonicalImageName?: string;
  lastScanResult?: { revision?: string; tagCount: number; scanTime?: string; latestTags?: string[] };
  observedExclusionList?: string[];
}
