import { REPLICAS_SCALE, resource, type ResourceType } from './types.ts';

const workload = { categories: ['all'], generation: true } as const;

/** `apps/v1`. */
export const APPS_V1: readonly ResourceType[] = [
  resource('apps', 'v1', 'ControllerRevision', 'controllerrevisions', true),
  resource('apps', 'v1', 'DaemonSet', 'daemonsets', true, {
    ...workload,
    shortNames: ['ds'],
    subresources: { status: true },
  }),
  resource('apps', 'v1', 'Deployment', 'deployments', true, {
    ...workload,
    shortNames: ['deploy'],
    subresources: { status: true, scale: REPLICAS_SCALE },
  }),
  resource('apps', 'v1', 'ReplicaSet', 'replicasets', true, {
    ...workload,
    shortNames: ['rs'],
    subresources: { status: true, scale: REPLICAS_SCALE },
  }),
  resource('apps', 'v1', 'StatefulSet', 'statefulsets', true, {
    ...workload,
    shortNames: ['sts'],
    subresources: { status: true, scale: REPLICAS_SCALE },
  }),
];
