import { resource, type ResourceType } from './types.ts';

const status = { status: true };
const apiExtensions = ['api-extensions'];

/** `batch/v1`. */
export const BATCH_V1: readonly ResourceType[] = [
  resource('batch', 'v1', 'CronJob', 'cronjobs', true, {
    shortNames: ['cj'],
    categories: ['all'],
    subresources: status,
    generation: true,
  }),
  resource('batch', 'v1', 'Job', 'jobs', true, {
    categories: ['all'],
    subresources: status,
    generation: true,
  }),
];

/** `networking.k8s.io/v1`. */
export const NETWORKING_V1: readonly ResourceType[] = [
  resource('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  resource('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, {
    shortNames: ['ing'],
    subresources: status,
    generation: true,
  }),
  resource('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, {
    shortNames: ['netpol'],
    generation: true,
  }),
];

/** `rbac.authorization.k8s.io/v1`. */
export const RBAC_V1: readonly ResourceType[] = [
  resource('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  resource('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  resource('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true),
  resource('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true),
];

/** `apiextensions.k8s.io/v1`. */
export const APIEXTENSIONS_V1: readonly ResourceType[] = [
  resource('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, {
    shortNames: ['crd', 'crds'],
    categories: apiExtensions,
    subresources: status,
    generation: true,
  }),
];

/** `autoscaling/v2`. */
export const AUTOSCALING_V2: readonly ResourceType[] = [
  resource('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, {
    shortNames: ['hpa'],
    categories: ['all'],
    subresources: status,
  }),
];

/** `policy/v1`. */
export const POLICY_V1: readonly ResourceType[] = [
  resource('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, {
    shortNames: ['pdb'],
    subresources: status,
    generation: true,
  }),
];

/** `storage.k8s.io/v1`. */
export const STORAGE_V1: readonly ResourceType[] = [
  resource('storage.k8s.io', 'v1', 'CSIDriver', 'csidrivers', false),
  resource('storage.k8s.io', 'v1', 'CSINode', 'csinodes', false),
  resource('storage.k8s.io', 'v1', 'CSIStorageCapacity', 'csistoragecapacities', true),
  resource('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, { shortNames: ['sc'] }),
  resource('storage.k8s.io', 'v1', 'VolumeAttachment', 'volumeattachments', false, { subresources: status }),
];

/** `coordination.k8s.io/v1`. */
export const COORDINATION_V1: readonly ResourceType[] = [
  resource('coordination.k8s.io', 'v1', 'Lease', 'leases', true),
];

/** `events.k8s.io/v1`: the same objects as core v1 Events, in the newer field names. */
export const EVENTS_V1: readonly ResourceType[] = [
  resource('events.k8s.io', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
];

/** `admissionregistration.k8s.io/v1`. */
export const ADMISSIONREGISTRATION_V1: readonly ResourceType[] = [
  resource(
    'admissionregistration.k8s.io',
    'v1',
    'MutatingWebhookConfiguration',
    'mutatingwebhookconfigurations',
    false,
    {
      categories: apiExtensions,
      generation: true,
    },
  ),
  resource(
    'admissionregistration.k8s.io',
    'v1',
    'ValidatingAdmissionPolicy',
    'validatingadmissionpolicies',
    false,
    {
      categories: apiExtensions,
      subresources: status,
      generation: true,
    },
  ),
  resource(
    'admissionregistration.k8s.io',
    'v1',
    'ValidatingAdmissionPolicyBinding',
    'validatingadmissionpolicybindings',
    false,
    { categories: apiExtensions, generation: true },
  ),
  resource(
    'admissionregistration.k8s.io',
    'v1',
    'ValidatingWebhookConfiguration',
    'validatingwebhookconfigurations',
    false,
    { categories: apiExtensions, generation: true },
  ),
];

/** `scheduling.k8s.io/v1`. */
export const SCHEDULING_V1: readonly ResourceType[] = [
  resource('scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', false, { shortNames: ['pc'] }),
];

/** `discovery.k8s.io/v1`. */
export const DISCOVERY_V1: readonly ResourceType[] = [
  resource('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true, { generation: true }),
];
