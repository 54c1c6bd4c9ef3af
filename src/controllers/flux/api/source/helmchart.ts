/**
 * HelmChart (`source.toolkit.fluxcd.io/v1`, also v1beta2): a chart pulled from a HelmRepository
 * or built from a GitRepository/Bucket path; HelmReleases create them from `spec.chart.spec`.
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type { AccessFrom, Artifact, OCIVerification, ReconcileStatus } from '../meta.ts';

export interface HelmChart extends KubeObject {
  apiVersion: 'source.toolkit.fluxcd.io/v1';
  kind: 'HelmChart';
  metadata: ObjectMeta & { name: string };
  spec: HelmChartSpec;
  status?: HelmChartStatus;
}

export interface HelmChartSpec {
  /** Chart name (HelmRepository) or path (GitRepository, Bucket). */
  chart: string;
  /** SemVer range; `*` when unset. */
  version?: string;
  sourceRef: { apiVersion?: string; kind: 'HelmRepository' | 'GitRepository' | 'Bucket'; name: string };
  interval: string;
  /** `ChartVersion` (default) or `Revision` (rebuild on every source revision). */
  reconcileStrategy?: 'ChartVersion' | 'Revision';
  /** Merged in order over the chart's values.yaml. */
  valuesFiles?: string[];
  ignoreMissingValuesFiles?: boolean;
  suspend?: boolean;
  verify?: Omit<OCIVerification, 'trustedRootSecretRef'>;
}

export interface HelmChartStatus extends ReconcileStatus {
  observedSourceArtifactRevision?: string;
  observedChartName?: string;
  observedValuesFiles?: string[];
  artifact?: Artifact;
  url?: string;
}

/** Only in v1beta2 (`valuesFile` is also accepted by v1, for objects written as v1beta2). */
export interface HelmChartSpecV1beta2Only {
  /** Merged before `valuesFiles`. */
  valuesFile?: string;
  accessFrom?: AccessFrom;
}
