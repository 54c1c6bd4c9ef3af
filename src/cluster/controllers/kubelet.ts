import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../core/index.ts';
import { rfc3339 } from './loop/clock.ts';
import type { ControllerContext } from './loop/context.ts';
import type { ReconcileResult } from './loop/queue.ts';
import { qualifiedImage } from './kubelet/images.ts';
import { baseStatus, containerSteps } from './kubelet/containers.ts';
import { PodIpam } from './kubelet/ipam.ts';
import type { Runtime } from './kubelet/runtime.ts';
import { terminator } from './kubelet/termination.ts';
import {
  containersOf,
  initContainersOf,
  podConditions,
  podPhase,
  statusOf,
  waitingStatus,
} from './kubelet/pod-status.ts';
import { nodeIp, nodeName } from './node.ts';
import { POD } from './shared/kinds.ts';
import { isTerminal, type ContainerStatus, type PodStatus } from './shared/pods.ts';

const MANAGER = 'kubelet';

/**
 * The simulated kubelets (kwok's pod stages): a Pod bound to a simulated node is accepted
 * (PodScheduled, IPs, ContainerCreating), its images "pull" and its containers run after
 * `podStartDelayMs`, with the failure modes of `kubelet/images.ts`; a Job's containers complete;
 * a deleted Pod stops (Killing) and goes after a short grace. State lives in the Pod's status,
 * so a restarted server carries on where it was.
 */
export function startKubelet(ctx: ControllerContext): void {
  const pods = ctx.informer(POD);
  const ours = new Map(Array.from({ length: ctx.sim.nodes }, (_, i) => [nodeName(i), i] as const));
  const ipam = new PodIpam();
  const runtimes = new Map<string, Runtime>();
  const queue = ctx.queue('kubelet', (key) => reconcile(key), 16);

  pods.on({
    added: (p) => {
      const ip = (p.status as PodStatus | undefined)?.podIP;
      if (ip && ours.has((p.spec as { nodeName?: string }).nodeName ?? '')) ipam.claim(ip);
      queue.add(`${p.metadata.namespace}/${p.metadata.name}`);
    },
    updated: (_o, p) => queue.add(`${p.metadata.namespace}/${p.metadata.name}`),
    deleted: (p) => {
      if (ours.has((p.spec as { nodeName?: string }).nodeName ?? ''))
        ipam.release((p.status as PodStatus | undefined)?.podIP);
      runtimes.delete(p.metadata.uid ?? '');
    },
  });
  const event = (pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string) =>
    ctx.event(pod, type, reason, message, 'kubelet', (pod.spec as { nodeName?: string }).nodeName ?? '');
  const runtimeOf = (pod: KubeObject): Runtime => {
    const uid = pod.metadata.uid ?? '';
    let rt = runtimes.get(uid);
    if (!rt) runtimes.set(uid, (rt = { due: new Map(), pullFailures: new Map(), crashes: new Map() }));
    return rt;
  };
  const { stepContainer, announcePull } = containerSteps(ctx, event);
  const terminate = terminator(ctx, event, runtimeOf);

  const reconcile = async (key: string): Promise<ReconcileResult> => {
    const [ns = '', name = ''] = key.split('/');
    const pod = pods.get(ns, name);
    if (!pod) return;
    const node = (pod.spec as { nodeName?: string }).nodeName ?? '';
    const nodeIndex = ours.get(node);
    if (nodeIndex === undefined) return;
    if (pod.metadata.deletionTimestamp) return terminate(pod);
    if (isTerminal(pod)) return;
    const status = statusOf(pod);
    if (!status.startTime) return accept(pod, nodeIndex, status);
    return advance(pod, status);
  };

  const accept = async (pod: KubeObject, nodeIndex: number, status: PodStatus): Promise<ReconcileResult> => {
    const now = ctx.now();
    const node = nodeName(nodeIndex);
    ctx.event(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
      'default-scheduler',
    );
    const podIP = status.podIP ?? ipam.allocate(nodeIndex);
    const inits = initContainersOf(pod);
    const mainReason = inits.length > 0 ? 'PodInitializing' : 'ContainerCreating';
    status.phase = 'Pending';
    status.hostIP = nodeIp(nodeIndex);
    status.hostIPs = [{ ip: nodeIp(nodeIndex) }];
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
    status.startTime = rfc3339(now);
    status.containerStatuses = containersOf(pod).map((c) =>
      waitingStatus(c, qualifiedImage(c.image ?? ''), mainReason),
    );
    if (inits.length > 0)
      status.initContainerStatuses = inits.map((c) =>
        waitingStatus(c, qualifiedImage(c.image ?? ''), 'PodInitializing'),
      );
    status.conditions = podConditions(
      status.conditions,
      'Pending',
      status.containerStatuses,
      { done: inits.length === 0, pending: inits.map((c) => c.name) },
      now,
    );
    const rt = runtimeOf(pod);
    for (const c of [...inits, ...containersOf(pod)]) rt.due.set(c.name, now + ctx.sim.podStartDelayMs);
    await write(pod, status);
    return { requeueAfterMs: ctx.sim.podStartDelayMs };
  };

  const advance = async (pod: KubeObject, status: PodStatus): Promise<ReconcileResult> => {
    const now = ctx.now();
    const rt = runtimeOf(pod);
    let changed = false;
    const inits = initContainersOf(pod);
    // Init containers complete at the first start; sidecars (restartPolicy Always) keep running.
    let initDone =
      inits.length === 0 ||
      (status.initContainerStatuses ?? []).every((s) => s.state['terminated'] || s.state['running']);
    if (!initDone) {
      const due = Math.max(...inits.map((c) => rt.due.get(c.name) ?? 0));
      if (due > now) return { requeueAfterMs: due - now };
      status.initContainerStatuses = inits.map((c): ContainerStatus => {
        const image = c.image ?? '';
        announcePull(pod, c);
        const id = `containerd://${randomBytes(32).toString('hex')}`;
        const started = rfc3339(now);
        const base = { ...baseStatus(c, image, id), restartCount: 0, lastState: {} };
        if (c.restartPolicy === 'Always')
          return { ...base, ready: true, started: true, state: { running: { startedAt: started } } };
        return {
          ...base,
          ready: true,
          started: false,
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: started,
              finishedAt: started,
              containerID: id,
            },
          },
        };
      });
      initDone = true;
      changed = true;
    }
    const statuses = status.containerStatuses ?? [];
    const specs = containersOf(pod);
    let next = Infinity;
    for (const c of specs) {
      let s = statuses.find((x) => x.name === c.name);
      if (!s) {
        s = waitingStatus(c, qualifiedImage(c.image ?? ''), 'ContainerCreating');
        statuses.push(s);
      }
      const due = rt.due.get(c.name) ?? 0;
      if (due > now) {
        next = Math.min(next, due);
        continue;
      }
      const step = stepContainer(pod, c, s, rt, now);
      if (step.changed) changed = true;
      if (step.nextAt !== undefined) {
        rt.due.set(c.name, step.nextAt);
        next = Math.min(next, step.nextAt);
      } else rt.due.delete(c.name);
    }
    if (changed) {
      status.containerStatuses = statuses;
      const phase = podPhase(pod, statuses, initDone);
      status.phase = phase;
      status.conditions = podConditions(
        status.conditions,
        phase,
        statuses,
        { done: initDone, pending: [] },
        now,
      );
      if (phase === 'Succeeded' || phase === 'Failed') {
        for (const s of status.initContainerStatuses ?? []) if (s.state['running']) s.ready = false;
      }
      await write(pod, status);
    }
    return next === Infinity ? undefined : { requeueAfterMs: Math.max(1, next - now) };
  };

  /** One container's next transition; returns when the one after it is due. */ const write = async (
    pod: KubeObject,
    status: PodStatus,
  ) => {
    const copy = structuredClone(pod);
    copy.status = status;
    // The kubelet owns pod status: write it over whatever changed meanwhile (no precondition).
    delete copy.metadata.resourceVersion;
    await ctx.updateStatus(copy, MANAGER);
  };
}
