/**
 * Types shared by Flux's kinds (`fluxcd/pkg/apis/meta` and the per-controller reference types).
 */
import type { StatusCondition } from '../../index.ts';

/** `metav1.Condition`, as Flux writes it (Ready, Reconciling, Stalled…). */
export type Condition = StatusCondition;

export interface LocalObjectReference {
  name: string;
}

export interface SecretKeyReference {
  name: string;
  key?: string;
}

export interface NamespacedObjectReference {
  name: string;
  namespace?: string;
}

export interface NamespacedObjectKindReference {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** What a source produced: a tarball served over HTTP, pinned by revision and digest. */
export interface Artifact {
  path: string;
  url: string;
  /** `main@sha1:<hash>`, a chart version, an OCI digest… */
  revision: string;
  /** `sha256:<hex>` of the tarball. */
  digest?: string;
  lastUpdateTime: string;
  size?: number;
  metadata?: Record<string, string>;
}

/** Cross-namespace access to a source (`spec.accessFrom`). */
export interface AccessFrom {
  namespaceSelectors: { matchLabels?: Record<string, string> }[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Kustomize's target selector (patches, ignore rules). */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  annotationSelector?: string;
  labelSelector?: string;
}

/** A strategic merge or JSON6902 patch as one YAML string, with an optional target. */
export interface Patch {
  patch: string;
  target?: Selector;
}

export interface Image {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** JSON6902 patch of the deprecated `patchesJson6902` fields. */
export interface JSON6902Patch {
  patch: {
    op: 'test' | 'remove' | 'add' | 'replace' | 'move' | 'copy';
    path: string;
    from?: string;
    value?: unknown;
  }[];
  target: Selector;
}

/** Fields whose drift is ignored (`spec.ignore`, `driftDetection.ignore`). */
export interface IgnoreRule {
  paths: string[];
  target?: Selector;
}

/** CEL health checks for kinds kstatus cannot judge. */
export interface CustomHealthCheck {
  apiVersion: string;
  kind?: string;
  current: string;
  inProgress?: string;
  failed?: string;
}

export interface DependencyReference {
  name: string;
  namespace?: string;
  /** CEL over `self` and `dep`; replaces the built-in readiness check. */
  readyExpr?: string;
}

export interface KubeConfigReference {
  secretRef?: SecretKeyReference;
  configMapRef?: LocalObjectReference;
}

/** Applied objects, for pruning: `<namespace>_<name>_<group>_<kind>` and the version. */
export interface ResourceInventory {
  entries: { id: string; v: string }[];
}

/** Cosign/Notation verification of OCI artifacts and charts. */
export interface OCIVerification {
  provider: 'cosign' | 'notation';
  secretRef?: LocalObjectReference;
  matchOIDCIdentity?: { issuer: string; subject: string }[];
  trustedRootSecretRef?: LocalObjectReference;
}

/** The status fields every Flux object has. */
export interface ReconcileStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  /** The last `reconcile.fluxcd.io/requestedAt` annotation value handled. */
  lastHandledReconcileAt?: string;
}
