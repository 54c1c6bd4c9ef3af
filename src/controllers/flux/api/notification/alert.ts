/**
 * Alert (`notification.toolkit.fluxcd.io/v1beta3`, also served as v1beta2): which Flux objects'
 * events go to which Provider. v1beta3 has no status; v1beta2 had Ready conditions.
 */
import type { KubeObject, ObjectMeta } from '../../../../core/index.ts';
import type { LocalObjectReference, ReconcileStatus } from '../meta.ts';

export interface Alert extends KubeObject {
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3';
  kind: 'Alert';
  metadata: ObjectMeta & { name: string };
  spec: AlertSpec;
}

export type EventSourceKind =
  | 'Bucket'
  | 'GitRepository'
  | 'Kustomization'
  | 'HelmRelease'
  | 'HelmChart'
  | 'HelmRepository'
  | 'ImageRepository'
  | 'ImagePolicy'
  | 'ImageUpdateAutomation'
  | 'OCIRepository'
  | 'ArtifactGenerator'
  | 'ExternalArtifact';

export interface AlertSpec {
  providerRef: LocalObjectReference;
  eventSources: CrossNamespaceObjectReference[];
  /** Extra metadata added to every event. */
  eventMetadata?: Record<string, string>;
  /** `info` (every event, the default) or `error`. */
  eventSeverity?: 'info' | 'error';
  /** Regexes on the message: only matching events are sent. */
  inclusionList?: string[];
  /** Regexes on the message: matching events are dropped (wins over inclusion). */
  exclusionList?: string[];
  /** Deprecated by Flux in favour of `eventMetadata.summary`. */
  summary?: string;
  suspend?: boolean;
}

export interface CrossNamespaceObjectReference {
  apiVersion?: string;
  kind: EventSourceKind;
  /** `*` for every object of the kind (with `matchLabels` to narrow). */
  name: string;
  namespace?: string;
  matchLabels?: Record<string, string>;
}

/** v1beta2's status, which v1beta3 dropped. */
export type AlertStatusV1beta2 = ReconcileStatus;
