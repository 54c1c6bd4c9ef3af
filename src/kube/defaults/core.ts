import { child, items, setDefault, setIfZero, type Obj } from './fields.ts';
import { defaultPersistentVolumeClaimSpec, defaultPod, defaultPodTemplate } from './pod.ts';

/** Defaults of core/v1 kinds other than Pods and Services (kubernetes `pkg/apis/core/v1/defaults.go`). */

/**
 * Namespaces get the `kubernetes.io/metadata.name` label and phase Active. Not the `kubernetes`
 * finalizer: the namespace strategy adds that on create only, and the namespace controller's
 * `/finalize` write that removes it is defaulted too.
 */
export function defaultNamespace(obj: Obj): void {
  const meta = child(obj, 'metadata', true)!;
  if (typeof meta.name === 'string' && meta.name !== '') {
    const labels = child(meta, 'labels', true)!;
    labels['kubernetes.io/metadata.name'] = meta.name;
  }
  const status = child(obj, 'status', true)!;
  setIfZero(status, 'phase', 'Active');
}

export function defaultSecret(obj: Obj): void {
  setIfZero(obj, 'type', 'Opaque');
}

export function defaultPersistentVolumeClaim(obj: Obj): void {
  defaultPersistentVolumeClaimSpec(child(obj, 'spec', true)!);
  setIfZero(child(obj, 'status', true)!, 'phase', 'Pending');
}

export function defaultPersistentVolume(obj: Obj): void {
  setIfZero(child(obj, 'status', true)!, 'phase', 'Pending');
  const spec = child(obj, 'spec', true)!;
  setIfZero(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  setDefault(spec, 'volumeMode', 'Filesystem');
  const hostPath = child(spec, 'hostPath');
  if (hostPath) setDefault(hostPath, 'type', '');
}

export function defaultEndpoints(obj: Obj): void {
  for (const subset of items(obj, 'subsets'))
    for (const port of items(subset, 'ports')) setIfZero(port, 'protocol', 'TCP');
}

export function defaultLimitRange(obj: Obj): void {
  for (const limit of items(child(obj, 'spec'), 'limits')) {
    if (limit.type !== 'Container') continue;
    const def = child(limit, 'default', true)!;
    const defReq = child(limit, 'defaultRequest', true)!;
    for (const [k, v] of Object.entries(child(limit, 'max') ?? {})) if (!Object.hasOwn(def, k)) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (!Object.hasOwn(defReq, k)) defReq[k] = v;
    for (const [k, v] of Object.entries(child(limit, 'min') ?? {}))
      if (!Object.hasOwn(defReq, k)) defReq[k] = v;
  }
}

export function defaultPodObject(obj: Obj): void {
  defaultPod(obj);
}

export function defaultPodTemplateObject(obj: Obj): void {
  defaultPodTemplate(child(obj, 'template'));
}
