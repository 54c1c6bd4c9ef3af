import type { KubeObject } from '../../core/index.ts';
import { parseQuantity } from './quantity.ts';
import type { AdmissionRequest, AdmissionStep } from './types.ts';

/** The label every Namespace carries with its own name (kube ≥ 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** The spec finalizer the namespace controller removes once the namespace is empty. */
export const KUBERNETES_FINALIZER = 'kubernetes';

const isCore = (r: AdmissionRequest, kind: string) => r.resource.group === '' && r.resource.kind === kind;

/**
 * Namespaces start Active with the `kubernetes` finalizer, always carry their name label, and
 * change spec.finalizers only through `/finalize` (which the namespace controller uses).
 */
export const namespaceRules: AdmissionStep = {
  name: 'namespace-rules',
  slot: 'strategy',
  matches: (r) => r.operation !== 'DELETE' && isCore(r, 'Namespace'),
  admit(r) {
    const obj = r.object;
    obj.metadata.labels = { ...obj.metadata.labels, [NAMESPACE_NAME_LABEL]: r.name };
    const spec = (obj.spec ??= {}) as { finalizers?: string[] };
    if (r.operation === 'CREATE') {
      obj.status = { phase: 'Active' };
      if (!spec.finalizers?.includes(KUBERNETES_FINALIZER)) {
        spec.finalizers = [...(spec.finalizers ?? []), KUBERNETES_FINALIZER];
      }
      return;
    }
    const old = r.oldObject!;
    if (r.subresource === 'finalize') {
      const sent = spec.finalizers;
      r.object = structuredClone(old);
      (r.object.spec as { finalizers?: string[] }).finalizers = sent ?? [];
      if (!sent || sent.length === 0) delete (r.object.spec as { finalizers?: string[] }).finalizers;
    } else {
      const oldFinalizers = (old.spec as { finalizers?: string[] } | undefined)?.finalizers;
      if (oldFinalizers) spec.finalizers = [...oldFinalizers];
      else delete spec.finalizers;
    }
  },
};

/** A new Pod is Pending with the QoS class its resources give it, as the API server sets. */
export const podRules: AdmissionStep = {
  name: 'pod-rules',
  slot: 'strategy',
  matches: (r) => r.operation === 'CREATE' && isCore(r, 'Pod'),
  admit(r) {
    r.object.status = { phase: 'Pending', qosClass: qosClass(r.object) };
  },
};

/** New volumes and claims show Pending until something binds them. */
export const volumeRules: AdmissionStep = {
  name: 'volume-rules',
  slot: 'strategy',
  matches: (r) =>
    r.operation === 'CREATE' && (isCore(r, 'PersistentVolume') || isCore(r, 'PersistentVolumeClaim')),
  admit(r) {
    r.object.status = { phase: 'Pending' };
  },
};

interface Resources {
  requests?: Record<string, unknown>;
  limits?: Record<string, unknown>;
}

/** Guaranteed, Burstable or BestEffort, from the containers' CPU and memory requests and limits. */
export function qosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = (pod.spec ?? {}) as {
    containers?: { resources?: Resources }[];
    initContainers?: { resources?: Resources }[];
  };
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const res of ['cpu', 'memory']) {
      const req = parseQuantity(requests[res]);
      const lim = parseQuantity(limits[res]);
      if ((req ?? 0) > 0 || (lim ?? 0) > 0) any = true;
      if (lim === undefined || (req !== undefined && req !== lim)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
