import { ApiError } from '../errors.ts';
import { rfc3339 } from './loop/clock.ts';
import type { ControllerContext } from './loop/context.ts';
import type { ReconcileResult } from './loop/queue.ts';
import { HPA } from './shared/kinds.ts';
import type { Condition } from './shared/pods.ts';

const MANAGER = 'horizontal-pod-autoscaler';
/** kube-controller-manager's --horizontal-pod-autoscaler-sync-period (real ms, paced). */
const SYNC_MS = 15_000;

interface HpaSpec {
  scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string };
  minReplicas?: number;
  maxReplicas?: number;
  metrics?: { type?: string; resource?: { name?: string } }[];
}

/**
 * The HorizontalPodAutoscaler without metrics: it keeps its target within min/max replicas
 * (scaling it with a SuccessfulRescale event, as the real one does before it even reads
 * metrics) and otherwise reports the target's replica count as both current and desired, with
 * the conditions of an autoscaler whose metric sits on target.
 */
export function startHpaController(ctx: ControllerContext): void {
  const hpas = ctx.informer(HPA);
  const queue = ctx.queue('hpa', async (key): Promise<ReconcileResult> => {
    const [ns = '', name = ''] = key.split('/');
    const hpa = hpas.get(ns, name);
    if (!hpa || hpa.metadata.deletionTimestamp) return;
    const spec = (hpa.spec ?? {}) as HpaSpec;
    const ref = spec.scaleTargetRef ?? {};
    const type = { apiVersion: ref.apiVersion ?? 'apps/v1', kind: ref.kind ?? 'Deployment' };
    const now = ctx.now();
    const old = (hpa.status ?? {}) as Record<string, unknown> & { conditions?: Condition[] };
    const status: Record<string, unknown> = { ...old };
    let conditions: Condition[];
    const since = (t: string, s: string) =>
      old.conditions?.find((c) => c.type === t && c.status === s)?.lastTransitionTime ?? rfc3339(now);
    try {
      const target = await ctx.api.get(type, { namespace: ns, name: ref.name ?? '' });
      const current = (target.spec as { replicas?: number } | undefined)?.replicas ?? 1;
      const min = spec.minReplicas ?? 1;
      const max = spec.maxReplicas ?? current;
      const desired = current === 0 ? 0 : Math.min(max, Math.max(min, current));
      if (desired !== current) {
        const reason =
          current < min
            ? 'Current number of replicas below Spec.MinReplicas'
            : 'Current number of replicas above Spec.MaxReplicas';
        await ctx.api.patch(
          type,
          { namespace: ns, name: ref.name ?? '' },
          { spec: { replicas: desired } },
          { type: 'merge', fieldManager: MANAGER },
        );
        ctx.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, MANAGER);
        status['lastScaleTime'] = rfc3339(now);
      }
      status['currentReplicas'] = current;
      status['desiredReplicas'] = desired;
      const metric = spec.metrics?.[0]?.resource?.name ?? 'cpu';
      const limited = current < min ? 'TooFewReplicas' : current > max ? 'TooManyReplicas' : undefined;
      conditions = [
        {
          type: 'AbleToScale',
          status: 'True',
          lastTransitionTime: since('AbleToScale', 'True'),
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingActive',
          status: 'True',
          lastTransitionTime: since('ScalingActive', 'True'),
          reason: 'ValidMetricFound',
          message: `the HPA was able to successfully calculate a replica count from ${metric} resource utilization (percentage of request)`,
        },
        limited
          ? {
              type: 'ScalingLimited',
              status: 'True',
              lastTransitionTime: since('ScalingLimited', 'True'),
              reason: limited,
              message: `the desired replica count is ${limited === 'TooFewReplicas' ? 'less than the minimum' : 'more than the maximum'} replica count`,
            }
          : {
              type: 'ScalingLimited',
              status: 'False',
              lastTransitionTime: since('ScalingLimited', 'False'),
              reason: 'DesiredWithinRange',
              message: 'the desired count is within the acceptable range',
            },
      ];
    } catch (err) {
      if (!(err instanceof ApiError && err.httpCode === 404)) throw err;
      const msg = `the HPA controller was unable to get the target's current scale: ${err.message}`;
      conditions = [
        {
          type: 'AbleToScale',
          status: 'False',
          lastTransitionTime: since('AbleToScale', 'False'),
          reason: 'FailedGetScale',
          message: msg,
        },
      ];
      status['currentReplicas'] ??= 0;
      status['desiredReplicas'] ??= 0;
    }
    status['conditions'] = conditions;
    if (JSON.stringify(status) !== JSON.stringify(old)) {
      const copy = structuredClone(hpa);
      copy.status = status;
      await ctx.updateStatus(copy, MANAGER);
    }
    return { requeueAfterMs: ctx.paced(SYNC_MS) };
  });
  hpas.on({
    added: (o) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`),
    updated: (_o, n) => queue.add(`${n.metadata.namespace}/${n.metadata.name}`),
  });
}
