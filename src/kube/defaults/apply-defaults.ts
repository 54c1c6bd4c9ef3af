import type { KubeObject } from '../../core/index.ts';
import { schemaFor } from '../schema/lookup.ts';
import {
  defaultEndpoints,
  defaultLimitRange,
  defaultNamespace,
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultPodObject,
  defaultPodTemplateObject,
  defaultSecret,
} from './core.ts';
import type { Obj } from './fields.ts';
import { materializeGoValues } from './go-shape.ts';
import {
  defaultCsiDriver,
  defaultCustomResourceDefinition,
  defaultEndpointSlice,
  defaultHpaV1,
  defaultHpaV2,
  defaultIngressClass,
  defaultMutatingWebhookConfiguration,
  defaultNetworkPolicy,
  defaultPriorityClass,
  defaultRoleBinding,
  defaultStorageClass,
  defaultValidatingAdmissionPolicy,
  defaultValidatingAdmissionPolicyBinding,
  defaultValidatingWebhookConfiguration,
} from './others.ts';
import { defaultService, type ServiceAllocators } from './service.ts';
import {
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultJob,
  defaultReplicaSet,
  defaultReplicationController,
  defaultStatefulSet,
} from './workloads.ts';

export interface DefaultsOptions extends ServiceAllocators {
  /**
   * Also write what Go's encoding adds (`resources: {}`, `status: {}`, `creationTimestamp: null`
   * in templates), so objects read back like a real server's. Default true.
   */
  readonly goShape?: boolean | undefined;
}

export const defaultDefaultsOptions: Required<Pick<DefaultsOptions, 'goShape'>> = { goShape: true };

type Defaulter = (obj: Obj, options: DefaultsOptions) => void;

/**
 * The one table of defaults a real API server (v1.31) sets, per apiVersion/kind. Each entry is a
 * function of its own file; kinds that get nothing (ConfigMap, Role, Lease, …) are absent.
 */
export const DEFAULTERS: Readonly<Record<string, Defaulter>> = {
  'v1/Pod': defaultPodObject,
  'v1/PodTemplate': defaultPodTemplateObject,
  'v1/ReplicationController': defaultReplicationController,
  'v1/Service': defaultService,
  'v1/Namespace': defaultNamespace,
  'v1/Secret': defaultSecret,
  'v1/PersistentVolumeClaim': defaultPersistentVolumeClaim,
  'v1/PersistentVolume': defaultPersistentVolume,
  'v1/Endpoints': defaultEndpoints,
  'v1/LimitRange': defaultLimitRange,
  'apps/v1/Deployment': defaultDeployment,
  'apps/v1/ReplicaSet': defaultReplicaSet,
  'apps/v1/StatefulSet': defaultStatefulSet,
  'apps/v1/DaemonSet': defaultDaemonSet,
  'batch/v1/Job': defaultJob,
  'batch/v1/CronJob': defaultCronJob,
  'networking.k8s.io/v1/NetworkPolicy': defaultNetworkPolicy,
  'networking.k8s.io/v1/IngressClass': defaultIngressClass,
  'autoscaling/v2/HorizontalPodAutoscaler': defaultHpaV2,
  'autoscaling/v1/HorizontalPodAutoscaler': defaultHpaV1,
  'rbac.authorization.k8s.io/v1/RoleBinding': defaultRoleBinding,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': defaultRoleBinding,
  'storage.k8s.io/v1/StorageClass': defaultStorageClass,
  'storage.k8s.io/v1/CSIDriver': defaultCsiDriver,
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': defaultMutatingWebhookConfiguration,
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': defaultValidatingWebhookConfiguration,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': defaultValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': defaultValidatingAdmissionPolicyBinding,
  'scheduling.k8s.io/v1/PriorityClass': defaultPriorityClass,
  'discovery.k8s.io/v1/EndpointSlice': defaultEndpointSlice,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': defaultCustomResourceDefinition,
};

/**
 * Sets the defaults a real API server sets on `obj` (in place), on every write path alike: create,
 * update, patch, apply and dry-run. Idempotent. Custom resources and unknown kinds are left as
 * they are (CRD schema defaults are not applied here).
 */
export function applyDefaults(obj: KubeObject, options: DefaultsOptions = {}): void {
  DEFAULTERS[`${obj.apiVersion}/${obj.kind}`]?.(obj, options);
  if (options.goShape ?? defaultDefaultsOptions.goShape) {
    const schema = schemaFor({ apiVersion: obj.apiVersion, kind: obj.kind });
    if (schema) materializeGoValues(obj, schema);
  }
}
