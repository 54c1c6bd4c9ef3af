/**
 * Receiver (`notification.toolkit.fluxcd.io/v1`, also served as v1beta2): a webhook that makes
 * the listed Flux objects reconcile now.
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type { LocalObjectReference, ReconcileStatus } from '../meta.ts';
import type { CrossNamespaceObjectReference } from './alert.ts';

export interface Receiver extends KubeObject {
  apiVersion: 'notification.toolkit.fluxcd.io/v1';
  kind: 'Receiver';
  metadata: ObjectMeta & { name: string };
  spec: ReceiverSpec;
  status?: ReceiverStatus;
}

export const RECEIVER_TYPES = [
  'generic',
  'generic-hmac',
  'generic-oidc',
  'github',
  'gitlab',
  'bitbucket',
  'harbor',
  'dockerhub',
  'quay',
  'gcr',
  'nexus',
  'acr',
  'cdevents',
] as const;

export interface ReceiverSpec {
  type: (typeof RECEIVER_TYPES)[number];
  /** Event types to accept (GitHub, GitLab, Bitbucket, CDEvents); all when empty. */
  events?: string[];
  resources: (CrossNamespaceObjectReference & { filter?: string })[];
  /** CEL over the request payload selecting which resources to notify. */
  resourceFilter?: string;
  /** `token` key; required except for `generic-oidc`. */
  secretRef?: LocalObjectReference;
  oidcProviders?: {
    issuerURL: string;
    audience?: string;
    variables?: { name: string; expression: string }[];
    validations: { expression: string; message: string }[];
  }[];
  /** 10m when unset. */
  interval?: string;
  suspend?: boolean;
}

export interface ReceiverStatus extends ReconcileStatus {
  /** `/hook/<sha256(token+name+namespace)>`. */
  webhookPath?: string;
}
