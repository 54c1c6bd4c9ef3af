import type { KubeObject } from '../../core/index.ts';
import { isObject, jsonEqual } from '../json.ts';
import { forbidden, invalid, type FieldCause } from './field-errors.ts';

/**
 * Update rules for fields that may not change (kubernetes `Validate*Update`): answered with 422
 * Invalid and "field is immutable", which is also what Flux and Argo CD look for before they
 * recreate an object.
 */

type Obj = Record<string, unknown>;

const IMMUTABLE = 'field is immutable';

function spec(o: KubeObject): Obj {
  return isObject(o.spec) ? o.spec : {};
}

function immutableField(path: string, next: unknown, prev: unknown): FieldCause[] {
  return jsonEqual(next ?? null, prev ?? null) ? [] : [invalid(path, next ?? null, IMMUTABLE)];
}

/** StatefulSet spec fields that may change; the rest is forbidden (apps validation). */
const STATEFULSET_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

function statefulSet(next: KubeObject, prev: KubeObject): FieldCause[] {
  const a = { ...spec(next) };
  const b = { ...spec(prev) };
  for (const k of STATEFULSET_MUTABLE) {
    delete a[k];
    delete b[k];
  }
  if (jsonEqual(a, b)) return [];
  return [
    forbidden(
      'spec',
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

function job(next: KubeObject, prev: KubeObject): FieldCause[] {
  const a = spec(next);
  const b = spec(prev);
  return [
    ...immutableField('spec.selector', a.selector, b.selector),
    ...immutableField('spec.template', a.template, b.template),
    ...immutableField('spec.completionMode', a.completionMode, b.completionMode),
  ];
}

function service(next: KubeObject, prev: KubeObject): FieldCause[] {
  const a = spec(next);
  const b = spec(prev);
  // Moving to or from ExternalName allocates or releases the IP; otherwise it is fixed once set.
  if (a.type === 'ExternalName' || b.type === 'ExternalName') return [];
  if (typeof b.clusterIP !== 'string' || b.clusterIP === '') return [];
  if (a.clusterIP === undefined || a.clusterIP === null || a.clusterIP === '' || a.clusterIP === b.clusterIP)
    return [];
  return [invalid('spec.clusterIP', a.clusterIP, IMMUTABLE)];
}

function persistentVolumeClaim(next: KubeObject, prev: KubeObject): FieldCause[] {
  const strip = (s: Obj): Obj => {
    const copy = structuredClone(s);
    const resources = isObject(copy.resources) ? copy.resources : undefined;
    if (resources) delete resources.requests;
    delete copy.volumeAttributesClassName;
    // An unbound claim may still be given its volume.
    if (!isObject(prev.status) || prev.status.phase !== 'Bound') delete copy.volumeName;
    // A claim created without a class may be given one once (RetroactiveDefaultStorageClass).
    if (spec(prev).storageClassName === undefined || spec(prev).storageClassName === null)
      delete copy.storageClassName;
    return copy;
  };
  if (jsonEqual(strip(spec(next)), strip(spec(prev)))) return [];
  return [
    forbidden(
      'spec',
      'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    ),
  ];
}

function immutableData(fields: readonly string[]) {
  return (next: KubeObject, prev: KubeObject): FieldCause[] => {
    if (prev.immutable !== true) return [];
    const out: FieldCause[] = [];
    const msg = 'field is immutable when `immutable` is set';
    if (next.immutable !== true) out.push(forbidden('immutable', msg));
    for (const f of fields) if (!jsonEqual(next[f] ?? null, prev[f] ?? null)) out.push(forbidden(f, msg));
    return out;
  };
}

function secret(next: KubeObject, prev: KubeObject): FieldCause[] {
  return [
    ...immutableField('type', next.type ?? 'Opaque', prev.type ?? 'Opaque'),
    ...immutableData(['data'])(next, prev),
  ];
}

function roleBinding(next: KubeObject, prev: KubeObject): FieldCause[] {
  return jsonEqual(next.roleRef ?? null, prev.roleRef ?? null)
    ? []
    : [invalid('roleRef', next.roleRef ?? null, 'cannot change roleRef')];
}

const selector = (next: KubeObject, prev: KubeObject): FieldCause[] =>
  immutableField('spec.selector', spec(next).selector, spec(prev).selector);

type UpdateRule = (next: KubeObject, prev: KubeObject) => FieldCause[];

export const UPDATE_RULES: Readonly<Record<string, UpdateRule>> = {
  'apps/v1/Deployment': selector,
  'apps/v1/ReplicaSet': selector,
  'apps/v1/DaemonSet': selector,
  'apps/v1/StatefulSet': (n, p) => [...selector(n, p), ...statefulSet(n, p)],
  'batch/v1/Job': job,
  'v1/Service': service,
  'v1/PersistentVolumeClaim': persistentVolumeClaim,
  'v1/ConfigMap': immutableData(['data', 'binaryData']),
  'v1/Secret': secret,
  'rbac.authorization.k8s.io/v1/RoleBinding': roleBinding,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': roleBinding,
};

/** `metadata` fields no update may change. */
export function validateMetadataUpdate(next: KubeObject, prev: KubeObject): FieldCause[] {
  const out: FieldCause[] = [];
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp'] as const) {
    const a = next.metadata?.[f];
    const b = prev.metadata?.[f];
    if (a !== undefined && a !== null && a !== '' && b !== undefined && a !== b)
      out.push(invalid(`metadata.${f}`, a, IMMUTABLE));
  }
  return out;
}
