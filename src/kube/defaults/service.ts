import { child, items, setDefault, setIfZero, type Obj } from './fields.ts';

/**
 * Service defaults (kubernetes `pkg/apis/core/v1/defaults.go` `SetDefaults_Service`) and the
 * networking fields the Service REST storage fills in when it allocates a cluster IP
 * (`clusterIP(s)`, `ipFamilies`, `ipFamilyPolicy`), which needs the caller's allocator.
 */
export interface ServiceAllocators {
  /** A free cluster IP for the Service. Without it, cluster IP fields stay as sent. */
  readonly allocateClusterIP?: ((service: Obj) => string) | undefined;
  /** A free node port for a NodePort/LoadBalancer port that has none. */
  readonly allocateNodePort?: ((service: Obj, port: Obj) => number) | undefined;
}

export function defaultService(obj: Obj, allocators: ServiceAllocators = {}): void {
  const spec = child(obj, 'spec', true)!;
  setIfZero(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = child(spec, 'sessionAffinityConfig', true)!;
    const clientIP = child(cfg, 'clientIP', true)!;
    setDefault(clientIP, 'timeoutSeconds', 10800);
  }
  setIfZero(spec, 'type', 'ClusterIP');
  for (const port of items(spec, 'ports')) {
    setIfZero(port, 'protocol', 'TCP');
    if (
      port.targetPort === undefined ||
      port.targetPort === null ||
      port.targetPort === 0 ||
      port.targetPort === ''
    ) {
      port.targetPort = port.port;
    }
  }
  const type = spec.type;
  const external =
    type === 'NodePort' ||
    type === 'LoadBalancer' ||
    (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (external) setIfZero(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') {
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  }
  if (type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
  defaultServiceNetworking(obj, allocators);
}

/** clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy as the Service storage sets them on create. */
function defaultServiceNetworking(obj: Obj, allocators: ServiceAllocators): void {
  const spec = child(obj, 'spec', true)!;
  if (spec.type === 'ExternalName') return;
  const headless = spec.clusterIP === 'None';
  if (!headless && (spec.clusterIP === undefined || spec.clusterIP === null || spec.clusterIP === '')) {
    if (!allocators.allocateClusterIP) return;
    spec.clusterIP = allocators.allocateClusterIP(obj);
  }
  const ip = String(spec.clusterIP);
  if (!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0) spec.clusterIPs = [ip];
  if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) {
    spec.ipFamilies = [ip.includes(':') ? 'IPv6' : 'IPv4'];
  }
  setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && allocators.allocateNodePort) {
    for (const port of items(spec, 'ports')) {
      if (port.nodePort === undefined || port.nodePort === null || port.nodePort === 0) {
        port.nodePort = allocators.allocateNodePort(obj, port);
      }
    }
  }
}
