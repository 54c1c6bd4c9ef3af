/**
 * Kubernetes object vocabulary shared by every module, and the one way to print a reference to an
 * object: `Kind/namespace/name` for namespaced objects, `Kind/name` for cluster-scoped ones.
 */

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: string;
  fieldsType?: 'FieldsV1';
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

/** Any Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** Enough to find one object. `apiVersion` is optional where the kind is unambiguous. */
export interface ObjectRef {
  apiVersion?: string;
  kind: string;
  namespace?: string | undefined;
  name: string;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** `Kind/ns/name`, or `Kind/name` when the object has no namespace. */
export function formatRef(ref: ObjectRef | KubeObject): string {
  const r = isKubeObject(ref) ? refOf(ref) : ref;
  return r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
}

/** The reference of an object. */
export function refOf(obj: KubeObject): ObjectRef {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name ?? obj.metadata.generateName ?? '',
  };
}

function isKubeObject(v: ObjectRef | KubeObject): v is KubeObject {
  return typeof (v as KubeObject).metadata === 'object' && (v as KubeObject).metadata !== null;
}

/** Splits `apps/v1` into group `apps` and version `v1`; `v1` is the core group `''`. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Joins a group and version back into an apiVersion. */
export function formatApiVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}
