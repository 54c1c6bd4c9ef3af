import type { KubeObject } from '../../core/index.ts';
import { applyDefaults } from '../../kube/index.ts';
import { invalid } from '../errors.ts';
import type { ServiceAllocator } from './service-allocator.ts';
import type { AdmissionRequest, AdmissionStep } from './types.ts';

const isService = (r: AdmissionRequest) => r.resource.group === '' && r.resource.kind === 'Service';

/**
 * The defaults a real API server sets on built-in kinds (kube's `applyDefaults` table), on every
 * write alike — create, update, patch, apply, `/status`, dry runs — so what is stored and what a
 * dry run returns read the same as on a real cluster. Services get their cluster IP and node
 * ports here, from the allocator; an update that leaves them out keeps the allocated ones, as
 * kube-apiserver's Service storage does (so `kubectl replace` of a manifest without clusterIP
 * works). Custom resources get their CRD schema's defaults in the `schema` slot instead.
 */
export function builtinDefaults(allocator: ServiceAllocator): AdmissionStep {
  return {
    name: 'builtin-defaults',
    slot: 'defaulting',
    matches: (r) => r.operation !== 'DELETE' && r.resource.crd === undefined,
    admit(r) {
      if (isService(r)) {
        if (r.operation === 'CREATE') {
          const errors = allocator.checkRequested(r.object);
          if (errors.length > 0) throw invalid(r.resource, r.name, errors, r.namespace || undefined);
        } else keepAllocated(r.object, r.oldObject!);
      }
      storedForm(r.object);
      applyDefaults(r.object, {
        allocateClusterIP: allocator.allocateClusterIP,
        allocateNodePort: allocator.allocateNodePort,
      });
    },
  };
}

/**
 * What kube-apiserver's conversion of a request does before defaulting: a Secret's write-only
 * `stringData` is merged into `data` (base64), overwriting keys already there, and never stored.
 * Server-side apply runs it with the defaults too, so re-applying a Secret written with
 * `stringData` is a no-op.
 */
export function storedForm(obj: KubeObject): void {
  if (obj.kind !== 'Secret' || obj.apiVersion !== 'v1') return;
  const stringData = obj['stringData'] as Record<string, unknown> | null | undefined;
  if (stringData === undefined) return;
  if (stringData !== null && typeof stringData === 'object') {
    const data = { ...(obj['data'] as Record<string, string> | undefined) };
    for (const [k, v] of Object.entries(stringData))
      data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    obj['data'] = data;
  }
  delete obj['stringData'];
}

type Spec = {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: { port?: number; protocol?: string; nodePort?: number }[];
};

const needsNodePorts = (t: string | undefined) => t === 'NodePort' || t === 'LoadBalancer';

/** kube-apiserver's Service `patchAllocatedValues`: unset allocated fields keep their old values. */
function keepAllocated(service: KubeObject, old: KubeObject): void {
  const spec = (service.spec ?? {}) as Spec;
  const before = (old.spec ?? {}) as Spec;
  if (spec.type !== 'ExternalName' && before.type !== 'ExternalName') {
    if (!spec.clusterIP && before.clusterIP) {
      spec.clusterIP = before.clusterIP;
      if (!spec.clusterIPs?.length && before.clusterIPs) spec.clusterIPs = [...before.clusterIPs];
    }
    if (!spec.ipFamilies?.length && before.ipFamilies) spec.ipFamilies = [...before.ipFamilies];
    if (!spec.ipFamilyPolicy && before.ipFamilyPolicy) spec.ipFamilyPolicy = before.ipFamilyPolicy;
  }
  if (needsNodePorts(spec.type) && needsNodePorts(before.type)) {
    for (const port of spec.ports ?? []) {
      if (port.nodePort) continue;
      const same = before.ports?.find(
        (p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'),
      );
      if (same?.nodePort) port.nodePort = same.nodePort;
    }
  }
  if (spec !== service.spec) service.spec = spec;
}
