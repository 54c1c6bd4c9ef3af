import type { KubeObject } from '../../../core/index.ts';
import type { AdmissionStep } from '../../admission/types.ts';
import type { ControllerContext } from '../loop/context.ts';
import type { ReconcileResult } from '../loop/queue.ts';
import { nodeName } from '../node.ts';
import { isTerminal, type PodStatus } from '../shared/pods.ts';
import type { PodEvent, Runtime } from './runtime.ts';

/** Holds a deleted Pod while its simulated containers stop (a kubelet's graceful termination). */
export const TERMINATION_FINALIZER = 'capstan.dev/pod-termination';
const GRACE_CAP_MS = 2000;
const MANAGER = 'kubelet';

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
 * A deleted Pod's shutdown: Killing events for its running containers, then after its grace
 * period (`terminationGracePeriodSeconds`, capped at 2 s, times `pace`) the finalizer goes and
 * with it the Pod.
 */
export function terminator(ctx: ControllerContext, event: PodEvent, runtimeOf: (pod: KubeObject) => Runtime) {
  return async (pod: KubeObject): Promise<ReconcileResult> => {
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
}
