/**
 * Kustomization (`kustomize.toolkit.fluxcd.io/v1`, also served as v1beta2): builds a path of a
 * source with kustomize, applies it with server-side apply, prunes what left, waits for health.
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type {
  CustomHealthCheck,
  DependencyReference,
  IgnoreRule,
  Image,
  JSON6902Patch,
  KubeConfigReference,
  LocalObjectReference,
  NamespacedObjectKindReference,
  Patch,
  ReconcileStatus,
  ResourceInventory,
} from '../meta.ts';

export interface Kustomization extends KubeObject {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1';
  kind: 'Kustomization';
  metadata: ObjectMeta & { name: string };
  spec: KustomizationSpec;
  status?: KustomizationStatus;
}

export interface KustomizationSpec {
  sourceRef: CrossNamespaceSourceReference;
  /** Path in the artifact; the root when unset. */
  path?: string;
  interval: string;
  /** After a failure; `interval` when unset. */
  retryInterval?: string;
  /** Build, apply and health checks; `interval` when unset. */
  timeout?: string;
  prune: boolean;
  deletionPolicy?: 'MirrorPrune' | 'Delete' | 'WaitForTermination' | 'Orphan';
  force?: boolean;
  /** Wait for every applied object (then `healthChecks` is ignored). */
  wait?: boolean;
  healthChecks?: NamespacedObjectKindReference[];
  healthCheckExprs?: CustomHealthCheck[];
  dependsOn?: DependencyReference[];
  targetNamespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  commonMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  patches?: Patch[];
  images?: Image[];
  components?: string[];
  ignoreMissingComponents?: boolean;
  buildMetadata?: ('originAnnotations' | 'transformerAnnotations')[];
  postBuild?: PostBuild;
  decryption?: { provider: 'sops'; secretRef?: LocalObjectReference; serviceAccountName?: string };
  serviceAccountName?: string;
  kubeConfig?: KubeConfigReference;
  ignore?: IgnoreRule[];
  suspend?: boolean;
}

export interface CrossNamespaceSourceReference {
  apiVersion?: string;
  kind: 'OCIRepository' | 'GitRepository' | 'Bucket' | 'ExternalArtifact';
  name: string;
  namespace?: string;
}

export interface PostBuild {
  /** Inline variables; they win over `substituteFrom`. */
  substitute?: Record<string, string>;
  substituteFrom?: { kind: 'Secret' | 'ConfigMap'; name: string; optional?: boolean }[];
  substituteStrategy?: 'WithVariables' | 'Always';
}

export interface KustomizationStatus extends ReconcileStatus {
  lastAppliedRevision?: string;
  lastAppliedOriginRevision?: string;
  lastAttemptedRevision?: string;
  inventory?: ResourceInventory;
  history?: KustomizationSnapshot[];
}

/** One entry of `status.history`: reconciliations of one build, by digest. */
export interface KustomizationSnapshot {
  digest: string;
  firstReconciled: string;
  lastReconciled: string;
  lastReconciledDuration: string;
  lastReconciledStatus: string;
  totalReconciliations: number;
  metadata?: Record<string, string>;
}

/**
 * v1beta2 fields that v1 removed. Capstan's v1 schema still accepts them (so objects written as
 * v1beta2 keep them when read as v1, and tutorials that set `validation` under v1 still apply);
 * `kustomizationToInternal` converts them.
 */
export interface KustomizationSpecDeprecated {
  /** No effect: server-side apply validates. */
  validation?: 'none' | 'client' | 'server';
  patchesStrategicMerge?: Record<string, unknown>[];
  patchesJson6902?: JSON6902Patch[];
}
