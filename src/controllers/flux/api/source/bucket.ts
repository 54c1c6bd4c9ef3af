/**
 * Bucket (`source.toolkit.fluxcd.io/v1`, also v1beta2): an S3-compatible, GCS or Azure Blob
 * bucket as a source. Served now so that it is accepted; its controller comes later.
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type { AccessFrom, Artifact, LocalObjectReference, ReconcileStatus } from '../meta.ts';

export interface Bucket extends KubeObject {
  apiVersion: 'source.toolkit.fluxcd.io/v1';
  kind: 'Bucket';
  metadata: ObjectMeta & { name: string };
  spec: BucketSpec;
  status?: BucketStatus;
}

export interface BucketSpec {
  provider?: 'generic' | 'aws' | 'gcp' | 'azure';
  bucketName: string;
  endpoint: string;
  sts?: {
    provider: 'aws' | 'ldap';
    endpoint: string;
    secretRef?: LocalObjectReference;
    certSecretRef?: LocalObjectReference;
  };
  insecure?: boolean;
  region?: string;
  prefix?: string;
  secretRef?: LocalObjectReference;
  certSecretRef?: LocalObjectReference;
  proxySecretRef?: LocalObjectReference;
  serviceAccountName?: string;
  interval: string;
  timeout?: string;
  ignore?: string;
  suspend?: boolean;
}

export interface BucketStatus extends ReconcileStatus {
  url?: string;
  artifact?: Artifact;
  observedIgnore?: string;
}

export interface BucketSpecV1beta2Only {
  accessFrom?: AccessFrom;
}
