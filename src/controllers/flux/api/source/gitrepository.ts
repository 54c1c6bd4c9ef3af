/**
 * GitRepository (`source.toolkit.fluxcd.io/v1`, also served as v1beta2): a Git repository
 * fetched at a ref every `interval` into an artifact.
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type { AccessFrom, Artifact, LocalObjectReference, ReconcileStatus } from '../meta.ts';

export interface GitRepository extends KubeObject {
  apiVersion: 'source.toolkit.fluxcd.io/v1';
  kind: 'GitRepository';
  metadata: ObjectMeta & { name: string };
  spec: GitRepositorySpec;
  status?: GitRepositoryStatus;
}

export interface GitRepositorySpec {
  /** `http(s)://` or `ssh://`. */
  url: string;
  secretRef?: LocalObjectReference;
  provider?: 'generic' | 'aws' | 'azure' | 'github';
  serviceAccountName?: string;
  interval: string;
  /** 60s when unset. */
  timeout?: string;
  /** Precedence: commit, name, semver, tag, branch; branch `master` when empty. */
  ref?: GitRepositoryRef;
  verify?: GitRepositoryVerification;
  proxySecretRef?: LocalObjectReference;
  /** `.gitignore`-style patterns excluded from the artifact. */
  ignore?: string;
  suspend?: boolean;
  recurseSubmodules?: boolean;
  include?: GitRepositoryInclude[];
  sparseCheckout?: string[];
}

export interface GitRepositoryRef {
  branch?: string;
  tag?: string;
  semver?: string;
  /** A full reference: `refs/heads/main`, `refs/pull/420/head`. */
  name?: string;
  commit?: string;
}

export interface GitRepositoryVerification {
  /** `HEAD` when unset; v1beta2's `head` reads as `HEAD`. */
  mode?: 'HEAD' | 'Tag' | 'TagAndHEAD';
  secretRef: LocalObjectReference;
}

export interface GitRepositoryInclude {
  repository: LocalObjectReference;
  fromPath?: string;
  toPath?: string;
}

export interface GitRepositoryStatus extends ReconcileStatus {
  artifact?: Artifact;
  includedArtifacts?: Artifact[];
  observedIgnore?: string;
  observedRecurseSubmodules?: boolean;
  observedInclude?: GitRepositoryInclude[];
  observedSparseCheckout?: string[];
  sourceVerificationMode?: string;
}

/** Fields only v1beta2 has; ignored by the v1 controller (go-git is the only implementation). */
export interface GitRepositorySpecV1beta2Only {
  gitImplementation?: 'go-git' | 'libgit2';
  accessFrom?: AccessFrom;
}
