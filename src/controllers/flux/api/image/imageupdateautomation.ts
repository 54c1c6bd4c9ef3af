/**
 * ImageUpdateAutomation (`image.toolkit.fluxcd.io/v1`, also served as v1beta2 and v1beta1):
 * rewrites image references marked with `# {"$imagepolicy": "ns:name"}` in a Git repository
 * to the policies' latest images, commits and pushes.
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type { LabelSelector, LocalObjectReference, ReconcileStatus } from '../meta.ts';
import type { GitRepositoryRef } from '../source/gitrepository.ts';
import type { ImageRef } from './imagepolicy.ts';

export interface ImageUpdateAutomation extends KubeObject {
  apiVersion: 'image.toolkit.fluxcd.io/v1';
  kind: 'ImageUpdateAutomation';
  metadata: ObjectMeta & { name: string };
  spec: ImageUpdateAutomationSpec;
  status?: ImageUpdateAutomationStatus;
}

export interface ImageUpdateAutomationSpec {
  sourceRef: { apiVersion?: string; kind: 'GitRepository'; name: string; namespace?: string };
  git?: GitSpec;
  interval: string;
  /** The ImagePolicies used; every one in the namespace when unset. */
  policySelector?: LabelSelector;
  /** `{strategy: Setters}` when unset. */
  update?: { path?: string; strategy: 'Setters' };
  suspend?: boolean;
}

export interface GitSpec {
  /** Overrides the GitRepository's ref. */
  checkout?: { ref: GitRepositoryRef };
  commit: {
    author: { name?: string; email: string };
    signingKey?: { secretRef: LocalObjectReference; type?: 'gpg' | 'ssh' };
    /** Go text/template over `.AutomationObject`, `.Changed` and `.Values`. */
    messageTemplate?: string;
    messageTemplateValues?: Record<string, string>;
  };
  push?: { branch?: string; refspec?: string; options?: Record<string, string> };
}

export interface ImageUpdateAutomationStatus extends ReconcileStatus {
  lastAutomationRunTime?: string;
  lastPushCommit?: string;
  lastPushTime?: string;
  observedPolicies?: Record<string, ImageRef>;
  observedSourceRevision?: string;
}
