import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../core/index.ts';
import type { AdmissionStep } from '../admission/types.ts';
import { rfc3339 } from './loop/clock.ts';
import type { ControllerContext } from './loop/context.ts';
import type { ReconcileResult } from './loop/queue.ts';
import {
  goDuration,
  imageFault,
  imageId,
  imageSize,
  pullError,
  pullPolicy,
  qualifiedImage,
} from './kubelet/images.ts';
import { PodIpam } from './kubelet/ipam.ts';
import {
  containersOf,
  initContainersOf,
  podConditions,
  podPhase,
  restartPolicyOf,
  statusOf,
  waitingStatus,
  type ContainerSpec,
} from './kubelet/pod-status.ts';
import { nodeIp, nodeName } from './node.ts';
import { JOB, POD } from './shared/kinds.ts';
import { controllerOf } from './shared/owner.ts';
import { isTerminal, type ContainerStatus, type PodStatus } from './shared/pods.ts';

/** Holds a deleted Pod while its simulated containers stop (a kubelet's graceful termination). */
export const TERMINATION_FINALIZER = 'capstan.dev/pod-termination';
const MANAGER = 'kubelet';
/** How long a failing container runs before it exits, and a Job's container before it completes (real ms, paced). */
const CRASH_RUN_MS = 1000;
const JOB_RUN_MS = 2000;
/** How long ErrImagePull shows before the back-off starts (real ms, paced). */
const PULL_ERROR_MS = 2000;
const BACKOFF_START_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
const GRACE_CAP_MS = 2000;

interface Runtime {
  /** Per container: when its next transition is due (clock ms). */
  due: Map<string, number>;
  pullFailures: Map<string, number>;
  crashes: Map<string, number>;
  killAt?: number;
}

/**
 * The admission step behind graceful deletion: a Pod running on a simulated node gets the
 * termination finalizer when deleted, so it shows Terminating until the kubelet has stopped its
 * containers (then the kubelet removes the finalizer and the Pod goes).
 */
export function gracefulDeletion(nodes: number): AdmissionStep {
  const ours = new Set(Array.from({ length: nodes }, (_, i) => nodeName(i)));
  return {
    name: 'kubelet-graceful-deletion',
    slot: 'strategy',
    matches: (r) => r.operation === 'DELETE' && r.resource.group === '' && r.resource.kind === 'Pod',
    admit(r) {
      const pod = r.object;
      const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
      if (!node || !ours.has(node) || isTerminal(pod)) return;
      const finalizers = pod.metadata.finalizers ?? [];
      if (!finalizers.includes(TERMINATION_FINALIZER))
        pod.metadata.finalizers = [...finalizers, TERMINATION_FINALIZER];
    },
  };
}

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
  const pulled = new Set<string>();
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

  /** One container's next transition; returns when the one after it is due. */
  const stepContainer = (
    pod: KubeObject,
    c: ContainerSpec,
    s: ContainerStatus,
    rt: Runtime,
    now: number,
  ): { changed: boolean; nextAt?: number } => {
    const image = c.image ?? '';
    const fault = imageFault(image);
    const waiting = s.state['waiting'] as { reason?: string } | undefined;
    const running = s.state['running'] as { startedAt?: string } | undefined;
    const policy = restartPolicyOf(pod);
    if (waiting && fault === 'pull') {
      if (waiting.reason === 'ErrImagePull') {
        const n = rt.pullFailures.get(c.name) ?? 1;
        s.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } };
        event(pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
        event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        return { changed: true, nextAt: now + backoff(n) };
      }
      const n = (rt.pullFailures.get(c.name) ?? 0) + 1;
      rt.pullFailures.set(c.name, n);
      event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`);
      event(pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${pullError(image)}`);
      event(pod, 'Warning', 'Failed', 'Error: ErrImagePull');
      s.state = { waiting: { reason: 'ErrImagePull', message: pullError(image) } };
      return { changed: true, nextAt: now + ctx.paced(PULL_ERROR_MS) };
    }
    if (waiting) {
      // First start, or a restart after CrashLoopBackOff.
      const restarting = waiting.reason === 'CrashLoopBackOff' || s.lastState['terminated'] !== undefined;
      if (restarting) s.restartCount += 1;
      start(pod, c, s, now);
      return { changed: true, nextAt: runEnd(pod, fault, now) };
    }
    if (running) {
      if (!fault && !completes(pod)) return { changed: false };
      const exitCode = fault ? 1 : 0;
      const terminated = {
        exitCode,
        reason: exitCode === 0 ? 'Completed' : 'Error',
        startedAt: running.startedAt,
        finishedAt: rfc3339(now),
        containerID: s.containerID,
      };
      s.ready = false;
      s.started = false;
      const restarts = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
      if (!restarts) {
        s.state = { terminated };
        return { changed: true };
      }
      const crashes = (rt.crashes.get(c.name) ?? 0) + 1;
      rt.crashes.set(c.name, crashes);
      s.lastState = { terminated };
      if (crashes === 1 && s.restartCount === 0) {
        // The first exit restarts at once; the back-off starts with the next one.
        s.restartCount += 1;
        start(pod, c, s, now);
        return { changed: true, nextAt: runEnd(pod, fault, now) };
      }
      const delay = backoff(Math.max(1, s.restartCount));
      const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
      s.state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${goDuration(Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** (Math.max(1, s.restartCount) - 1)))} restarting failed container=${c.name} pod=${podRef}`,
        },
      };
      event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`);
      return { changed: true, nextAt: now + delay };
    }
    return { changed: false };
  };

  const start = (pod: KubeObject, c: ContainerSpec, s: ContainerStatus, now: number) => {
    announcePull(pod, c);
    const id = `containerd://${randomBytes(32).toString('hex')}`;
    Object.assign(s, baseStatus(c, c.image ?? '', id), {
      ready: true,
      started: true,
      restartCount: s.restartCount,
      lastState: s.lastState,
      state: { running: { startedAt: rfc3339(now) } },
    });
    event(pod, 'Normal', 'Created', `Created container ${c.name}`);
    event(pod, 'Normal', 'Started', `Started container ${c.name}`);
  };

  const announcePull = (pod: KubeObject, c: ContainerSpec) => {
    const image = c.image ?? '';
    const node = (pod.spec as { nodeName?: string }).nodeName ?? '';
    const present = pulled.has(`${node}\u0000${image}`);
    if (present && pullPolicy(c) !== 'Always') {
      event(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      return;
    }
    pulled.add(`${node}\u0000${image}`);
    // The simulated pull takes the start delay (less once the image is on the node).
    const took = goDuration(Math.max(1, ctx.sim.podStartDelayMs));
    event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`);
    event(
      pod,
      'Normal',
      'Pulled',
      `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${imageSize(image)} bytes.`,
    );
  };

  const completes = (pod: KubeObject) =>
    controllerOf(pod)?.kind === JOB.kind && restartPolicyOf(pod) !== 'Always';

  const runEnd = (pod: KubeObject, fault: ReturnType<typeof imageFault>, now: number): number | undefined => {
    if (fault) return now + ctx.paced(CRASH_RUN_MS);
    if (completes(pod)) return now + ctx.paced(JOB_RUN_MS);
    return undefined;
  };

  const backoff = (n: number) => ctx.paced(Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** (n - 1)));

  const terminate = async (pod: KubeObject): Promise<ReconcileResult> => {
    if (!(pod.metadata.finalizers ?? []).includes(TERMINATION_FINALIZER)) return;
    const rt = runtimeOf(pod);
    const now = ctx.now();
    if (rt.killAt === undefined) {
      const grace =
        ((pod.spec as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ?? 30) * 1000;
      rt.killAt = now + ctx.paced(Math.min(grace, GRACE_CAP_MS));
      for (const s of (pod.status as PodStatus | undefined)?.containerStatuses ?? [])
        if (s.state['running']) event(pod, 'Normal', 'Killing', `Stopping container ${s.name}`);
    }
    if (rt.killAt > now) return { requeueAfterMs: rt.killAt - now };
    const copy = structuredClone(pod);
    copy.metadata.finalizers = (copy.metadata.finalizers ?? []).filter((f) => f !== TERMINATION_FINALIZER);
    if (copy.metadata.finalizers.length === 0) delete copy.metadata.finalizers;
    await ctx.update(copy, MANAGER);
    return;
  };

  const write = async (pod: KubeObject, status: PodStatus) => {
    const copy = structuredClone(pod);
    copy.status = status;
    // The kubelet owns pod status: write it over whatever changed meanwhile (no precondition).
    delete copy.metadata.resourceVersion;
    await ctx.updateStatus(copy, MANAGER);
  };
}

function baseStatus(
  c: ContainerSpec,
  image: string,
  containerID: string,
): { name: string; image: string; imageID: string; containerID: string; started: boolean } {
  return { name: c.name, image: qualifiedImage(image), imageID: imageId(image), containerID, started: false };
}
