/**
 * Built-in kinds whose schema we serve, per apiVersion: the groups of the resource catalog. A kind
 * outside this table is treated as a custom resource (its schema comes from its CRD), even when a
 * client-node model happens to share its name.
 */
export const BUILTIN_KINDS: Readonly<Record<string, readonly string[]>> = {
  v1: [
    'Binding',
    'ComponentStatus',
    'ConfigMap',
    'Endpoints',
    'Event',
    'LimitRange',
    'Namespace',
    'Node',
    'PersistentVolume',
    'PersistentVolumeClaim',
    'Pod',
    'PodTemplate',
    'ReplicationController',
    'ResourceQuota',
    'Secret',
    'Service',
    'ServiceAccount',
    'Status',
    'DeleteOptions',
  ],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy', 'IPAddress', 'ServiceCIDR'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'autoscaling/v1': ['HorizontalPodAutoscaler', 'Scale'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'policy/v1': ['PodDisruptionBudget', 'Eviction'],
  'storage.k8s.io/v1': [
    'CSIDriver',
    'CSINode',
    'CSIStorageCapacity',
    'StorageClass',
    'VolumeAttachment',
    'VolumeAttributesClass',
  ],
  'coordination.k8s.io/v1': ['Lease'],
  'events.k8s.io/v1': ['Event'],
  'admissionregistration.k8s.io/v1': [
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
  ],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
};

/** The group/version used in the SMP/SSA tables for an apiVersion (`networking.k8s.io/v1` → `networking/v1`). */
export function tableGroupVersion(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return `core/${apiVersion}`;
  const group = apiVersion.slice(0, slash);
  const short = group.split('.')[0] ?? group;
  return `${short}/${apiVersion.slice(slash + 1)}`;
}

/** True when the kind is a built-in type of a catalog group. */
export function isBuiltinKind(apiVersion: string, kind: string): boolean {
  return BUILTIN_KINDS[apiVersion]?.includes(kind) ?? false;
}
