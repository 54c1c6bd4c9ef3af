import { resource, type ResourceType } from './types.ts';

const ns = true;
const cluster = false;
const status = { status: true };

/** Core group (`/api/v1`), as a 1.31 API server serves it. */
export const CORE_V1: readonly ResourceType[] = [
  resource('', 'v1', 'Binding', 'bindings', ns, { verbs: ['create'] }),
  resource('', 'v1', 'ComponentStatus', 'componentstatuses', cluster, {
    shortNames: ['cs'],
    verbs: ['get', 'list'],
  }),
  resource('', 'v1', 'ConfigMap', 'configmaps', ns, { shortNames: ['cm'] }),
  resource('', 'v1', 'Endpoints', 'endpoints', ns, { shortNames: ['ep'], singular: 'endpoints' }),
  resource('', 'v1', 'Event', 'events', ns, { shortNames: ['ev'] }),
  resource('', 'v1', 'LimitRange', 'limitranges', ns, { shortNames: ['limits'] }),
  resource('', 'v1', 'Namespace', 'namespaces', cluster, {
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: status,
  }),
  resource('', 'v1', 'Node', 'nodes', cluster, { shortNames: ['no'], subresources: status }),
  resource('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', ns, {
    shortNames: ['pvc'],
    subresources: status,
  }),
  resource('', 'v1', 'PersistentVolume', 'persistentvolumes', cluster, {
    shortNames: ['pv'],
    subresources: status,
  }),
  resource('', 'v1', 'Pod', 'pods', ns, { shortNames: ['po'], categories: ['all'], subresources: status }),
  resource('', 'v1', 'PodTemplate', 'podtemplates', ns),
  resource('', 'v1', 'ReplicationController', 'replicationcontrollers', ns, {
    shortNames: ['rc'],
    categories: ['all'],
    subresources: {
      status: true,
      scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas' },
    },
    generation: true,
  }),
  resource('', 'v1', 'ResourceQuota', 'resourcequotas', ns, { shortNames: ['quota'], subresources: status }),
  resource('', 'v1', 'Secret', 'secrets', ns),
  resource('', 'v1', 'ServiceAccount', 'serviceaccounts', ns, { shortNames: ['sa'] }),
  resource('', 'v1', 'Service', 'services', ns, {
    shortNames: ['svc'],
    categories: ['all'],
    subresources: status,
  }),
];
