// kstatus for kinds with short rules (cli-utils core.go): PVC, Service, CRD, and always-ready kinds.
import type { KubeObject } from '../../../core/index.ts';
import { conditionsOf } from '../../object/conditions.ts';
import { stringAt } from '../../object/path.ts';
import { current, failed, inProgress, type KStatusResult } from './status.ts';

export function pvcStatus(obj: KubeObject): KStatusResult {
  const phase = stringAt(obj, ['status', 'phase'], 'unknown');
  if (phase !== 'Bound') return inProgress('NotBound', `PVC is not Bound. phase: ${phase}`);
  return current('PVC is Bound');
}

/** Checks `spec.clusterIP`, not ingress addresses: kstatus does not wait for a cloud load balancer. */
export function serviceStatus(obj: KubeObject): KStatusResult {
  if (
    stringAt(obj, ['spec', 'type'], 'ClusterIP') === 'LoadBalancer' &&
    stringAt(obj, ['spec', 'clusterIP']) === ''
  ) {
    return inProgress('NoIPAssigned', 'ClusterIP not set. Service type: LoadBalancer');
  }
  return current('Service is ready');
}

export function crdStatus(obj: KubeObject): KStatusResult {
  for (const c of conditionsOf(obj)) {
    if (c.type === 'NamesAccepted' && c.status === 'False') return failed(c.reason ?? '', c.message ?? '');
    if (c.type === 'Established') {
      if (c.status === 'False' && c.reason !== 'Installing') return failed(c.reason ?? '', c.message ?? '');
      if (c.status === 'True') return current('CRD is established');
    }
  }
  return inProgress('Installing', 'Install in progress');
}

export function alwaysReady(): KStatusResult {
  return current('Resource is always ready');
}

export function pdbStatus(): KStatusResult {
  return current('AllowedDisruptions has been computed.');
}
