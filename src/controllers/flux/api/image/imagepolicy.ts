/**
 * ImagePolicy (`image.toolkit.fluxcd.io/v1`, also served as v1beta2 and v1beta1): picks the
 * latest image of an ImageRepository by semver, alphabetical or numerical order.
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type { NamespacedObjectReference, ReconcileStatus } from '../meta.ts';

export interface ImagePolicy extends KubeObject {
  apiVersion: 'image.toolkit.fluxcd.io/v1';
  kind: 'ImagePolicy';
  metadata: ObjectMeta & { name: string };
  spec: ImagePolicySpec;
  status?: ImagePolicyStatus;
}

export interface ImagePolicySpec {
  imageRepositoryRef: NamespacedObjectReference;
  /** Exactly one of the three. */
  policy: {
    semver?: { range: string };
    alphabetical?: { order?: 'asc' | 'desc' };
    numerical?: { order?: 'asc' | 'desc' };
  };
  /** Go regex filtering tags; `extract` (`$group`) feeds a capture group to the policy. */
  filterTags?: { pattern?: string; extract?: string };
  digestReflectionPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Only with `digestReflectionPolicy: Always`. */
  interval?: string;
  suspend?: boolean;
}

export interface ImageRef {
  name: string;
  tag: string;
  digest?: string;
}

export interface ImagePolicyStatus extends ReconcileStatus {
  latestRef?: ImageRef;
  observedPreviousRef?: ImageRef;
}

/** v1beta1's status fields, which v1beta2 replaced by `latestRef`/`observedPreviousRef`. */
export interface ImagePolicyStatusV1beta1 extends ReconcileStatus {
  latestImage?: string;
  observedPreviousImage?: string;
}
