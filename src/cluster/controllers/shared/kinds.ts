import type { TypeRef } from '../../api/types.ts';

/** The types the simulated controllers read and write. */
export const POD: TypeRef = { apiVersion: 'v1', kind: 'Pod' };
export const NODE: TypeRef = { apiVersion: 'v1', kind: 'Node' };
export const SERVICE: TypeRef = { apiVersion: 'v1', kind: 'Service' };
export const ENDPOINTS: TypeRef = { apiVersion: 'v1', kind: 'Endpoints' };
export const PVC: TypeRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' };
export const PV: TypeRef = { apiVersion: 'v1', kind: 'PersistentVolume' };
export const DEPLOYMENT: TypeRef = { apiVersion: 'apps/v1', kind: 'Deployment' };
export const REPLICASET: TypeRef = { apiVersion: 'apps/v1', kind: 'ReplicaSet' };
export const STATEFULSET: TypeRef = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
export const DAEMONSET: TypeRef = { apiVersion: 'apps/v1', kind: 'DaemonSet' };
export const CONTROLLER_REVISION: TypeRef = { apiVersion: 'apps/v1', kind: 'ControllerRevision' };
export const JOB: TypeRef = { apiVersion: 'batch/v1', kind: 'Job' };
export const CRONJOB: TypeRef = { apiVersion: 'batch/v1', kind: 'CronJob' };
export const HPA: TypeRef = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' };
export const INGRESS: TypeRef = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' };
export const ENDPOINT_SLICE: TypeRef = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' };
export const STORAGE_CLASS: TypeRef = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' };
export const LEASE: TypeRef = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' };
