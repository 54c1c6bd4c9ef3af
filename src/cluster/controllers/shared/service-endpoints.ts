import type { KubeObject } from '../../../core/index.ts';
import { isReady, isTerminal, podStatus } from './pods.ts';
import { mapSelectorMatches } from './selector.ts';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  publishNotReadyAddresses?: boolean;
}

/** One pod behind a Service, with what Endpoints and EndpointSlices say about it. */
export interface Backend {
  pod: KubeObject;
  ip: string;
  ready: boolean;
  terminating: boolean;
  /** Resolved target port per service port name. */
  ports: Map<string, number>;
}

const serviceSpec = (svc: KubeObject): ServiceSpec => svc.spec ?? {};

/** Whether a Service's endpoints are managed (it has a selector). */
export const hasSelector = (svc: KubeObject): boolean =>
  Object.keys(serviceSpec(svc).selector ?? {}).length > 0;

export const selects = (svc: KubeObject, pod: KubeObject): boolean =>
  pod.metadata.namespace === svc.metadata.namespace &&
  mapSelectorMatches(serviceSpec(svc).selector, pod.metadata.labels);

/**
 * The pods a Service's selector matches that have an IP and are not finished, with each
 * service port resolved against the pod (`podutil.FindPort`: a named targetPort looks up the
 * container port of that name; a pod without it is not a backend for that port).
 */
export function backendsOf(svc: KubeObject, pods: KubeObject[]): Backend[] {
  const spec = serviceSpec(svc);
  const out: Backend[] = [];
  for (const pod of pods) {
    if (!selects(svc, pod) || isTerminal(pod)) continue;
    const ip = podStatus(pod).podIP;
    if (!ip) continue;
    const ports = new Map<string, number>();
    for (const p of spec.ports ?? []) {
      const resolved = resolvePort(pod, p);
      if (resolved !== undefined) ports.set(p.name ?? '', resolved);
    }
    out.push({
      pod,
      ip,
      ready: spec.publishNotReadyAddresses === true || isReady(pod),
      terminating: pod.metadata.deletionTimestamp !== undefined,
      ports,
    });
  }
  return out.sort((a, b) => compareIp(a.ip, b.ip));
}

function resolvePort(pod: KubeObject, p: ServicePort): number | undefined {
  const target = p.targetPort ?? p.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const containers =
    (
      pod.spec as {
        containers?: { ports?: { name?: string; containerPort?: number; protocol?: string }[] }[];
      }
    ).containers ?? [];
  for (const c of containers)
    for (const cp of c.ports ?? [])
      if (cp.name === target && (cp.protocol ?? 'TCP') === (p.protocol ?? 'TCP')) return cp.containerPort;
  return undefined;
}

function compareIp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export const targetRef = (pod: KubeObject) => ({
  kind: 'Pod',
  namespace: pod.metadata.namespace,
  name: pod.metadata.name,
  uid: pod.metadata.uid,
});
