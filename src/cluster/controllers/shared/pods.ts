import type { KubeObject } from '../../../core/index.ts';
import { parseTime } from '../loop/clock.ts';

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
  [key: string]: unknown;
}

export interface PodStatus {
  phase?: string;
  conditions?: Condition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  podIP?: string;
  hostIP?: string;
  startTime?: string;
  [key: string]: unknown;
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  state: Record<string, Record<string, unknown>>;
  lastState: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export const podStatus = (pod: KubeObject): PodStatus => (pod.status ?? {}) as PodStatus;

export function condition(obj: KubeObject, type: string): Condition | undefined {
  return ((obj.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find(
    (c) => c.type === type,
  );
}

/** Succeeded or Failed: the pod's containers will not run again. */
export function isTerminal(pod: KubeObject): boolean {
  const phase = podStatus(pod).phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** `controller.IsPodActive`: not terminal and not being deleted. */
export function isActive(pod: KubeObject): boolean {
  return !isTerminal(pod) && !pod.metadata.deletionTimestamp;
}

export function isReady(pod: KubeObject): boolean {
  return condition(pod, 'Ready')?.status === 'True';
}

/** Ready for at least `minReadySeconds` (`podutil.IsPodAvailable`). */
export function isAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const ready = condition(pod, 'Ready');
  if (ready?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const since = parseTime(ready.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= now;
}

/** Milliseconds until a ready pod becomes available, or undefined when it is not ready. */
export function untilAvailable(pod: KubeObject, minReadySeconds: number, now: number): number | undefined {
  const ready = condition(pod, 'Ready');
  if (ready?.status !== 'True' || !minReadySeconds) return undefined;
  const since = parseTime(ready.lastTransitionTime) ?? now;
  const left = since + minReadySeconds * 1000 - now;
  return left > 0 ? left : undefined;
}

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  spec?: Record<string, unknown>;
}

/** A Pod from a workload's template (`controller.GetPodFromTemplate`). */
export function podFromTemplate(
  template: unknown,
  owner: KubeObject,
  meta: {
    name?: string;
    generateName?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  },
  ownerRef: KubeObject['metadata']['ownerReferences'],
): KubeObject {
  const t = structuredClone((template ?? {}) as Template);
  const labels = { ...t.metadata?.labels, ...meta.labels };
  const annotations = { ...t.metadata?.annotations, ...meta.annotations };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(meta.name ? { name: meta.name } : { generateName: meta.generateName ?? `${owner.metadata.name}-` }),
      namespace: owner.metadata.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ...(t.metadata?.finalizers ? { finalizers: t.metadata.finalizers as string[] } : {}),
      ...(ownerRef ? { ownerReferences: ownerRef } : {}),
    },
    spec: t.spec ?? {},
  };
}
