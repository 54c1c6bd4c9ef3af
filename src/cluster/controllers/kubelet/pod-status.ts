import type { KubeObject } from '../../../core/index.ts';
import { rfc3339 } from '../loop/clock.ts';
import type { Condition, ContainerStatus, PodStatus } from '../shared/pods.ts';

export interface ContainerSpec {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  restartPolicy?: string;
}

export const containersOf = (pod: KubeObject): ContainerSpec[] =>
  (pod.spec as { containers?: ContainerSpec[] } | undefined)?.containers ?? [];
export const initContainersOf = (pod: KubeObject): ContainerSpec[] =>
  (pod.spec as { initContainers?: ContainerSpec[] } | undefined)?.initContainers ?? [];
export const restartPolicyOf = (pod: KubeObject): string =>
  (pod.spec as { restartPolicy?: string } | undefined)?.restartPolicy ?? 'Always';

/** A container status waiting with `reason` (and no history yet). */
export function waitingStatus(
  c: ContainerSpec,
  image: string,
  reason: string,
  message?: string,
): ContainerStatus {
  return {
    name: c.name,
    image,
    imageID: '',
    ready: false,
    started: false,
    restartCount: 0,
    state: { waiting: { reason, ...(message ? { message } : {}) } },
    lastState: {},
  };
}

/**
 * `getPhase` of the kubelet: Pending while a container has never run, Running while one runs
 * or restarts, and for pods that do not restart, Succeeded or Failed once all have stopped.
 */
export function podPhase(pod: KubeObject, statuses: ContainerStatus[], initDone: boolean): string {
  if (!initDone) return 'Pending';
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    if (s.state['running']) running++;
    else if (s.state['terminated']) {
      stopped++;
      if (s.state['terminated']['exitCode'] === 0) succeeded++;
    } else if (s.state['waiting']) {
      if (s.lastState['terminated']) stopped++;
      else waiting++;
    }
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    const policy = restartPolicyOf(pod);
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** The pod conditions for a phase and its containers' readiness, keeping unchanged transition times. */
export function podConditions(
  old: Condition[] | undefined,
  phase: string,
  statuses: ContainerStatus[],
  init: { done: boolean; pending: string[] },
  now: number,
): Condition[] {
  const t = rfc3339(now);
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const readyReason =
    phase === 'Succeeded' ? 'PodCompleted' : phase === 'Failed' ? 'PodFailed' : 'ContainersNotReady';
  const ready: { status: string; reason?: string; message?: string } =
    unready.length === 0 && !terminal
      ? { status: 'True' }
      : {
          status: 'False',
          reason: readyReason,
          ...(terminal ? {} : { message: `containers with unready status: [${unready.join(' ')}]` }),
        };
  const want: Condition[] = [
    { type: 'PodReadyToStartContainers', status: terminal ? 'False' : 'True' },
    init.done
      ? {
          type: 'Initialized',
          status: 'True',
          ...(terminal && phase === 'Succeeded' ? { reason: 'PodCompleted' } : {}),
        }
      : {
          type: 'Initialized',
          status: 'False',
          reason: 'ContainersNotInitialized',
          message: `containers with incomplete status: [${init.pending.join(' ')}]`,
        },
    { type: 'Ready', ...ready },
    { type: 'ContainersReady', ...ready },
    { type: 'PodScheduled', status: 'True' },
  ];
  return want.map((c) => {
    const prev = old?.find((o) => o.type === c.type);
    const since = prev && prev.status === c.status ? (prev.lastTransitionTime ?? t) : t;
    return { ...c, lastProbeTime: null, lastTransitionTime: since };
  });
}

export const statusOf = (pod: KubeObject): PodStatus => structuredClone((pod.status ?? {}) as PodStatus);
