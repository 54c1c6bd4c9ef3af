/**
 * ApplicationSet (`argoproj.io/v1alpha1`): generators produce parameter sets, each rendered
 * through the template into an Application. Its controller comes later; the type is here so
 * that the CRD, the server and the UI agree on the shape.
 */
import type { KubeObject, ObjectMeta } from '../../../core/index.ts';
import type { ApplicationSpec } from './application.ts';
import type { ResourceStatus, AppHealthStatus } from './application-status.ts';
import type { ApplicationSetGenerator } from './applicationset-generators.ts';

export interface ApplicationSet extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'ApplicationSet';
  metadata: ObjectMeta & { name: string };
  spec: ApplicationSetSpec;
  status?: ApplicationSetStatus;
}

export interface ApplicationSetSpec {
  /** Go `text/template` (`{{.param}}`) instead of fasttemplate (`{{param}}`). */
  goTemplate?: boolean;
  /** `missingkey=error` and the like. */
  goTemplateOptions?: string[];
  generators: ApplicationSetGenerator[];
  template: ApplicationSetTemplate;
  syncPolicy?: ApplicationSetSyncPolicy;
  strategy?: ApplicationSetStrategy;
  /** Legacy: labels and annotations of generated Applications that the controller leaves alone. */
  preservedFields?: { annotations?: string[]; labels?: string[] };
  /** Apply the post-selector of nested generators too. */
  applyNestedSelectors?: boolean;
  ignoreApplicationDifferences?: { name?: string; jsonPointers?: string[]; jqPathExpressions?: string[] }[];
  /** A YAML/JSON patch (goTemplate only) for fields a string template cannot reach. */
  templatePatch?: string;
}

export interface ApplicationSetTemplate {
  metadata: ApplicationSetTemplateMeta;
  spec: ApplicationSpec;
}

export interface ApplicationSetTemplateMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

export interface ApplicationSetSyncPolicy {
  preserveResourcesOnDeletion?: boolean;
  applicationsSync?: 'create-only' | 'create-update' | 'create-delete' | 'sync';
}

export interface ApplicationSetStrategy {
  type?: 'AllAtOnce' | 'RollingSync';
  rollingSync?: { steps?: RollingSyncStep[] };
  deletionOrder?: 'AllAtOnce' | 'Reverse';
}

export interface RollingSyncStep {
  matchExpressions?: { key?: string; operator?: string; values?: string[] }[];
  /** A count or a percentage (`"25%"`); 100% when unset. */
  maxUpdate?: number | string;
}

export interface ApplicationSetStatus {
  conditions?: ApplicationSetCondition[];
  applicationStatus?: ApplicationSetApplicationStatus[];
  resources?: ResourceStatus[];
  resourcesCount?: number;
  health?: AppHealthStatus;
}

export interface ApplicationSetCondition {
  /** `ErrorOccurred`, `ParametersGenerated`, `ResourcesUpToDate`, `RolloutProgressing`. */
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

/** A generated Application's progress through a RollingSync. */
export interface ApplicationSetApplicationStatus {
  application: string;
  status: string;
  message: string;
  step: string;
  targetRevisions: string[];
  lastTransitionTime?: string;
}
