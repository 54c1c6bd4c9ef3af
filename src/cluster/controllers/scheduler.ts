import type { KubeObject } from '../../core/index.ts';
import type { AdmissionStep } from '../admission/types.ts';
import { rfc3339 } from './loop/clock.ts';
import type { ControllerContext } from './loop/context.ts';
import { nodeName } from './node.ts';
import { NODE, POD } from './shared/kinds.ts';
import { condition } from './shared/pods.ts';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}
interface PodPlacement {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: {
        nodeSelectorTerms?: { matchExpressions?: Requirement[]; matchFields?: Requirement[] }[];
      };
    };
  };
}

/**
 * The simulated scheduler binds a new Pod as it is created (an admission step, so no binding
 * subresource and no extra write is needed): it honours `nodeSelector` and required node
 * affinity (labels and `metadata.name` fields, which DaemonSet pods use) and spreads pods
 * round-robin. Node capacity and taints are not considered. A Pod no node fits stays Pending
 * with `PodScheduled=False` (reason Unschedulable), set by `startScheduler`.
 */
export function schedulePods(nodes: number): AdmissionStep {
  let next = 0;
  return {
    name: 'simulated-scheduler',
    slot: 'strategy',
    matches: (r) =>
      r.operation === 'CREATE' && r.resource.group === '' && r.resource.kind === 'Pod' && !r.dryRun,
    admit(r) {
      const spec = (r.object.spec ??= {}) as PodPlacement;
      if (spec.nodeName) return;
      const fits: string[] = [];
      for (let i = 0; i < nodes; i++) {
        const node = r.reader.get('v1', 'Node', '', nodeName(i));
        if (node && nodeFits(spec, node)) fits.push(nodeName(i));
      }
      if (fits.length === 0) return;
      spec.nodeName = fits[next++ % fits.length];
    },
  };
}

export function nodeFits(spec: PodPlacement, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms =
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  const fields: Record<string, string> = { 'metadata.name': node.metadata.name ?? '' };
  return terms.some(
    (t) =>
      (t.matchExpressions ?? []).every((e) => requirementHolds(e, labels)) &&
      (t.matchFields ?? []).every((e) => requirementHolds(e, fields)),
  );
}

function requirementHolds(e: Requirement, values: Record<string, string>): boolean {
  const has = Object.hasOwn(values, e.key);
  const v = values[e.key];
  switch (e.operator) {
    case 'In':
      return has && (e.values ?? []).includes(v!);
    case 'NotIn':
      return !has || !(e.values ?? []).includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(v) > Number(e.values?.[0]);
    case 'Lt':
      return has && Number(v) < Number(e.values?.[0]);
    default:
      return false;
  }
}

/** Marks pods that no node fits Unschedulable, with the scheduler's FailedScheduling event. */
export function startScheduler(ctx: ControllerContext): void {
  const pods = ctx.informer(POD);
  const nodes = ctx.informer(NODE);
  const reader = (name: string) => nodes.get(undefined, name);
  const queue = ctx.queue('scheduler', async (key) => {
    const [ns = '', name = ''] = key.split('/');
    const pod = pods.get(ns, name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const spec = (pod.spec ?? {}) as PodPlacement;
    if (spec.nodeName || condition(pod, 'PodScheduled')?.status === 'False') return;
    const n = ctx.sim.nodes;
    const fitting = Array.from({ length: n }, (_, i) => reader(nodeName(i))).filter(
      (node) => node && nodeFits(spec, node),
    ).length;
    if (fitting > 0) return;
    const message = `0/${n} nodes are available: ${n} node(s) didn't match Pod's node affinity/selector. preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;
    ctx.event(pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
    const copy = structuredClone(pod);
    const status = (copy.status ??= {}) as { conditions?: Record<string, unknown>[] };
    status.conditions = [
      ...(status.conditions ?? []).filter((c) => c['type'] !== 'PodScheduled'),
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message,
        lastProbeTime: null,
        lastTransitionTime: rfc3339(ctx.now()),
      },
    ];
    delete copy.metadata.resourceVersion;
    await ctx.updateStatus(copy, 'default-scheduler');
  });
  pods.on({ added: (p) => queue.add(`${p.metadata.namespace}/${p.metadata.name}`) });
}
