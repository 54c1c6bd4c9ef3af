import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../../core/index.ts';
import { rfc3339 } from '../loop/clock.ts';
import type { ControllerContext } from '../loop/context.ts';
import { JOB } from '../shared/kinds.ts';
import { controllerOf } from '../shared/owner.ts';
import type { ContainerStatus } from '../shared/pods.ts';
import {
  goDuration,
  imageFault,
  imageId,
  imageSize,
  pullError,
  pullPolicy,
  qualifiedImage,
} from './images.ts';
import { restartPolicyOf, type ContainerSpec } from './pod-status.ts';
import type { PodEvent, Runtime } from './runtime.ts';

/** How long a failing container runs before it exits, and a Job's container before it completes (real ms, paced). */
const CRASH_RUN_MS = 1000;
const JOB_RUN_MS = 2000;
/** How long ErrImagePull shows before the back-off starts (real ms, paced). */
const PULL_ERROR_MS = 2000;
const BACKOFF_START_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;

/**
 * The container state machine of the simulated kubelet: pulls (or fails to), starts, runs,
 * exits and restarts containers with the kubelet's back-offs, emitting its events. `step`
 * moves one container on and says when it is due again.
 */
export function containerSteps(ctx: ControllerContext, event: PodEvent) {
  /** Images each node has pulled ("already present on machine" after the first pull). */
  const pulled = new Set<string>();

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

  return { stepContainer, start, announcePull };
}

export function baseStatus(
  c: ContainerSpec,
  image: string,
  containerID: string,
): { name: string; image: string; imageID: string; containerID: string; started: boolean } {
  return { name: c.name, image: qualifiedImage(image), imageID: imageId(image), containerID, started: false };
}
