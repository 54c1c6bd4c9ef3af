/**
 * HelmRelease (`helm.toolkit.fluxcd.io/v2`, also served as v2beta2 and v2beta1): a Helm release
 * installed, upgraded, tested, remediated and uninstalled by the controller.
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
  Patch,
  ReconcileStatus,
  ResourceInventory,
} from '../meta.ts';

export interface HelmRelease extends KubeObject {
  apiVersion: 'helm.toolkit.fluxcd.io/v2';
  kind: 'HelmRelease';
  metadata: ObjectMeta & { name: string };
  spec: HelmReleaseSpec;
  status?: HelmReleaseStatus;
}

export interface HelmReleaseSpec {
  /** A HelmChart template; exactly one of `chart` and `chartRef`. */
  chart?: HelmChartTemplate;
  chartRef?: {
    apiVersion?: string;
    kind: 'OCIRepository' | 'HelmChart' | 'ExternalArtifact';
    name: string;
    namespace?: string;
  };
  interval: string;
  kubeConfig?: KubeConfigReference;
  suspend?: boolean;
  /** `[<targetNamespace>-]<name>` when unset. */
  releaseName?: string;
  targetNamespace?: string;
  storageNamespace?: string;
  dependsOn?: DependencyReference[];
  /** 5m when unset. */
  timeout?: string;
  maxHistory?: number;
  serviceAccountName?: string;
  persistentClient?: boolean;
  driftDetection?: { mode?: 'enabled' | 'warn' | 'disabled'; ignore?: IgnoreRule[] };
  install?: Install;
  upgrade?: Upgrade;
  test?: Test;
  rollback?: Rollback;
  uninstall?: Uninstall;
  /** Merged in order, then `values` over them (a `targetPath` entry wins over everything before it). */
  valuesFrom?: ValuesReference[];
  values?: Record<string, unknown>;
  postRenderers?: PostRenderer[];
  postRenderStrategy?: 'nohooks' | 'combined' | 'separate';
  waitStrategy?: { name: 'poller' | 'legacy' };
  healthCheckExprs?: CustomHealthCheck[];
  commonMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

export interface HelmChartTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    chart: string;
    /** SemVer range; `*` when unset. */
    version?: string;
    sourceRef: {
      apiVersion?: string;
      kind: 'HelmRepository' | 'GitRepository' | 'Bucket';
      name: string;
      namespace?: string;
    };
    interval?: string;
    reconcileStrategy?: 'ChartVersion' | 'Revision';
    valuesFiles?: string[];
    ignoreMissingValuesFiles?: boolean;
    verify?: { provider: 'cosign' | 'notation'; secretRef?: LocalObjectReference };
  };
}

export type CRDsPolicy = 'Skip' | 'Create' | 'CreateReplace';

/** Retries of a failed install or upgrade. */
export interface Remediation {
  /** 0 by default; negative retries forever. */
  retries?: number;
  ignoreTestFailures?: boolean;
  remediateLastFailure?: boolean;
}

export interface ActionStrategy {
  name: 'RemediateOnFailure' | 'RetryOnFailure';
  retryInterval?: string;
}

export interface Install {
  timeout?: string;
  remediation?: Remediation;
  strategy?: ActionStrategy;
  disableWait?: boolean;
  disableWaitForJobs?: boolean;
  disableHooks?: boolean;
  disableOpenAPIValidation?: boolean;
  disableSchemaValidation?: boolean;
  disableTakeOwnership?: boolean;
  replace?: boolean;
  /** Deprecated by Flux in favour of `crds`. */
  skipCRDs?: boolean;
  crds?: CRDsPolicy;
  createNamespace?: boolean;
  serverSideApply?: boolean;
}

export type ServerSideApplyMode = 'enabled' | 'disabled' | 'auto';

export interface Upgrade {
  timeout?: string;
  remediation?: Remediation & { strategy?: 'rollback' | 'uninstall' };
  strategy?: ActionStrategy;
  disableWait?: boolean;
  disableWaitForJobs?: boolean;
  disableHooks?: boolean;
  disableOpenAPIValidation?: boolean;
  disableSchemaValidation?: boolean;
  disableTakeOwnership?: boolean;
  force?: boolean;
  preserveValues?: boolean;
  cleanupOnFail?: boolean;
  crds?: CRDsPolicy;
  chartNameChangeStrategy?: 'InPlaceUpdate' | 'Reinstall';
  serverSideApply?: ServerSideApplyMode;
}

export interface Test {
  enable?: boolean;
  timeout?: string;
  ignoreFailures?: boolean;
  filters?: { name: string; exclude?: boolean }[];
}

export interface Rollback {
  timeout?: string;
  disableWait?: boolean;
  disableWaitForJobs?: boolean;
  disableHooks?: boolean;
  /** No-op since Flux 2.8. */
  recreate?: boolean;
  force?: boolean;
  cleanupOnFail?: boolean;
  serverSideApply?: ServerSideApplyMode;
}

export interface Uninstall {
  timeout?: string;
  disableHooks?: boolean;
  keepHistory?: boolean;
  disableWait?: boolean;
  deletionPropagation?: 'background' | 'foreground' | 'orphan';
}

export interface ValuesReference {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  /** `values.yaml` when unset. */
  valuesKey?: string;
  /** `--set` path the value goes to instead of being merged as a values document. */
  targetPath?: string;
  optional?: boolean;
  /** `--set-literal` semantics for `targetPath`. */
  literal?: boolean;
}

export interface PostRenderer {
  kustomize?: { patches?: Patch[]; images?: Image[] };
}

export interface HelmReleaseStatus extends ReconcileStatus {
  observedPostRenderersDigest?: string;
  observedCommonMetadataDigest?: string;
  lastAttemptedGeneration?: number;
  helmChart?: string;
  storageNamespace?: string;
  history?: Snapshot[];
  lastAttemptedReleaseAction?: 'install' | 'upgrade';
  lastAttemptedReleaseActionDuration?: string;
  failures?: number;
  installFailures?: number;
  upgradeFailures?: number;
  lastAttemptedRevision?: string;
  lastAttemptedRevisionDigest?: string;
  lastAttemptedValuesChecksum?: string;
  lastAttemptedConfigDigest?: string;
  lastHandledForceAt?: string;
  lastHandledResetAt?: string;
  /** Deprecated by Flux (the latest release is `history[0].version`). */
  lastReleaseRevision?: number;
  inventory?: ResourceInventory;
}

/** One Helm release revision Flux recorded, newest first. */
export interface Snapshot {
  apiVersion?: string;
  digest: string;
  version: number;
  name: string;
  namespace: string;
  chartName: string;
  chartVersion: string;
  appVersion?: string;
  configDigest: string;
  firstDeployed: string;
  lastDeployed: string;
  deleted?: string;
  status: string;
  action?: string;
  testHooks?: Record<string, { lastStarted?: string; lastCompleted?: string; phase?: string }>;
  ociDigest?: string;
}

/**
 * Fields of v2beta1/v2beta2 that v2 removed; Capstan's v2 schema still accepts them (so objects
 * written as v2beta1 keep them when read as v2) and `helmReleaseToInternal` converts them.
 */
export interface HelmReleaseDeprecated {
  /** `spec.chart.spec.valuesFile`: merged before `valuesFiles`. */
  valuesFile?: string;
  /** `spec.postRenderers[].kustomize.patchesStrategicMerge` / `patchesJson6902`. */
  patchesStrategicMerge?: Record<string, unknown>[];
  patchesJson6902?: JSON6902Patch[];
}
