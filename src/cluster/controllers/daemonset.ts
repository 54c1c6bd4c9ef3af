import type { KubeObject } from '../../core/index.ts';
import type { ControllerContext } from './loop/context.ts';
import type { ReconcileResult } from './loop/queue.ts';
import { withDefaults } from './shared/defaults.ts';
import { scaledValue } from './shared/int-or-percent.ts';
import { CONTROLLER_REVISION, DAEMONSET, NODE, POD } from './shared/kinds.ts';
import { controllerOf, controllerRef } from './shared/owner.ts';
import { isAvailable, isReady, isTerminal, podFromTemplate, untilAvailable } from './shared/pods.ts';
import { ensureRevision, pruneRevisions } from './shared/revisions.ts';
import { nodeFits } from './scheduler.ts';
import type { LabelSelector } from './shared/selector.ts';

const MANAGER = 'daemonset-controller';
const HASH_LABEL = 'controller-revision-hash';

interface DsSpec {
  selector?: LabelSelector;
  template?: { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

/** The tolerations the DaemonSet controller adds to its pods (`util.AddOrUpdateDaemonPodTolerations`). */
const TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/**
 * The DaemonSet controller: one pod per node its template fits (pinned with node affinity on
 * `metadata.name`, as the real controller does), ControllerRevisions, a rolling update within
 * maxUnavailable, and the status counters kstatus and Argo CD read.
 */
export function startDaemonSetController(ctx: ControllerContext): void {
  const sets = ctx.informer(DAEMONSET);
  const pods = ctx.informer(POD);
  const nodes = ctx.informer(NODE);
  ctx.informer(CONTROLLER_REVISION);
  const queue = ctx.queue('daemonset', (key) => reconcile(key));
  const enqueue = (o: KubeObject) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`);
  const enqueueOwner = (p: KubeObject) => {
    const ref = controllerOf(p);
    if (ref?.kind === 'DaemonSet') queue.add(`${p.metadata.namespace}/${ref.name}`);
  };
  const enqueueAll = () => sets.list().forEach(enqueue);
  sets.on({ added: enqueue, updated: (_o, n) => enqueue(n) });
  pods.on({ added: enqueueOwner, updated: (_o, n) => enqueueOwner(n), deleted: enqueueOwner });
  nodes.on({ added: enqueueAll, deleted: enqueueAll });

  const owned = (ds: KubeObject) =>
    pods.ownedBy(ds.metadata.uid).filter((p) => controllerOf(p)?.uid === ds.metadata.uid);
  const nodeOf = (p: KubeObject) => (p.spec as { nodeName?: string }).nodeName ?? pinnedNode(p);

  const reconcile = async (key: string): Promise<ReconcileResult> => {
    const [ns = '', name = ''] = key.split('/');
    const stored = sets.get(ns, name);
    if (!stored) return;
    const ds = withDefaults(stored);
    const spec = ds.spec as DsSpec;
    const { update, revisions } = await ensureRevision(
      ctx,
      stored,
      (stored.spec as DsSpec).template,
      spec.selector?.matchLabels ?? {},
      MANAGER,
    );
    const hash = update.metadata.labels?.['controller.kubernetes.io/hash'] ?? '';
    const wanted = nodes.list().filter((n) => nodeFits((spec.template?.spec ?? {}) as never, n));
    if (!ds.metadata.deletionTimestamp) await sync(ds, spec, wanted, hash);
    await pruneRevisions(
      ctx,
      revisions,
      new Set([update.metadata.name ?? '']),
      spec.revisionHistoryLimit ?? 10,
      MANAGER,
    );
    return writeStatus(stored, spec, wanted, hash);
  };

  const sync = async (ds: KubeObject, spec: DsSpec, wanted: KubeObject[], hash: string) => {
    const wantedNames = new Set(wanted.map((n) => n.metadata.name ?? ''));
    const byNode = new Map<string, KubeObject[]>();
    for (const p of owned(ds)) {
      if (p.metadata.deletionTimestamp) continue;
      const node = nodeOf(p) ?? '';
      byNode.set(node, [...(byNode.get(node) ?? []), p]);
    }
    for (const [node, list] of byNode) {
      // Failed daemon pods are replaced; extra pods and pods on nodes that no longer fit go.
      const extra = wantedNames.has(node)
        ? list.filter(isTerminal).concat(list.filter((p) => !isTerminal(p)).slice(1))
        : list;
      for (const p of extra) await deletePod(ds, p);
    }
    for (const node of wantedNames) {
      const live = (byNode.get(node) ?? []).filter((p) => !isTerminal(p));
      if (live.length === 0) await createPod(ds, spec, node, hash);
    }
    if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    const live = owned(ds).filter((p) => !p.metadata.deletionTimestamp && wantedNames.has(nodeOf(p) ?? ''));
    const maxUnavailable = Math.max(
      1,
      scaledValue(spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, wanted.length, true),
    );
    const unavailable =
      wanted.length - live.filter((p) => isAvailable(p, spec.minReadySeconds ?? 0, ctx.now())).length;
    let budget = maxUnavailable - Math.max(0, unavailable);
    const old = live.filter((p) => p.metadata.labels?.[HASH_LABEL] !== hash);
    // Unavailable old pods go first: replacing them costs no availability.
    for (const p of old.filter((p) => !isReady(p))) await deletePod(ds, p);
    for (const p of old.filter(isReady)) {
      if (budget <= 0) break;
      await deletePod(ds, p);
      budget--;
    }
  };

  const createPod = async (ds: KubeObject, spec: DsSpec, node: string, hash: string) => {
    const pod = podFromTemplate(
      spec.template,
      ds,
      {
        generateName: `${ds.metadata.name}-`,
        labels: { [HASH_LABEL]: hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
      },
      [controllerRef(ds)],
    );
    const podSpec = pod.spec as Record<string, unknown> & {
      affinity?: Record<string, unknown>;
      tolerations?: { key?: string }[];
    };
    podSpec.affinity = {
      ...podSpec.affinity,
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
        },
      },
    };
    const have = new Set((podSpec.tolerations ?? []).map((t) => t.key));
    podSpec.tolerations = [...(podSpec.tolerations ?? []), ...TOLERATIONS.filter((t) => !have.has(t.key))];
    const created = await ctx.create(pod, MANAGER);
    ctx.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, MANAGER);
  };

  const deletePod = async (ds: KubeObject, pod: KubeObject) => {
    await ctx.remove(
      POD,
      { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' },
      { fieldManager: MANAGER },
    );
    ctx.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, MANAGER);
  };

  const writeStatus = async (
    stored: KubeObject,
    spec: DsSpec,
    wanted: KubeObject[],
    hash: string,
  ): Promise<ReconcileResult> => {
    const now = ctx.now();
    const minReady = spec.minReadySeconds ?? 0;
    const wantedNames = new Set(wanted.map((n) => n.metadata.name ?? ''));
    const live = owned(stored).filter((p) => !p.metadata.deletionTimestamp && !isTerminal(p));
    const onWanted = live.filter((p) => wantedNames.has(nodeOf(p) ?? ''));
    const scheduledNodes = new Set(onWanted.map((p) => nodeOf(p)));
    const available = onWanted.filter((p) => isAvailable(p, minReady, now)).length;
    const status: Record<string, unknown> = {
      currentNumberScheduled: scheduledNodes.size,
      numberMisscheduled: new Set(live.filter((p) => !wantedNames.has(nodeOf(p) ?? '')).map(nodeOf)).size,
      desiredNumberScheduled: wanted.length,
      numberReady: onWanted.filter(isReady).length,
      observedGeneration: stored.metadata.generation ?? 1,
      updatedNumberScheduled: new Set(
        onWanted.filter((p) => p.metadata.labels?.[HASH_LABEL] === hash).map(nodeOf),
      ).size,
      numberAvailable: available,
      numberUnavailable: Math.max(0, wanted.length - available),
    };
    for (const k of ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable'])
      if (status[k] === 0) delete status[k];
    const old = (stored.status ?? {}) as Record<string, unknown>;
    const norm = (o: Record<string, unknown>) =>
      JSON.stringify(
        Object.entries(o)
          .filter(([k]) => k !== 'conditions')
          .sort(),
      );
    if (norm(status) !== norm(old)) {
      const copy = structuredClone(stored);
      copy.status = status;
      await ctx.updateStatus(copy, MANAGER);
    }
    const waits = onWanted
      .map((p) => untilAvailable(p, minReady, now))
      .filter((w): w is number => w !== undefined);
    return waits.length ? { requeueAfterMs: Math.min(...waits) + 5 } : undefined;
  };
}

/** The node a daemon pod is pinned to by its `metadata.name` node affinity. */
function pinnedNode(p: KubeObject): string | undefined {
  const terms = (
    p.spec as {
      affinity?: {
        nodeAffinity?: {
          requiredDuringSchedulingIgnoredDuringExecution?: {
            nodeSelectorTerms?: { matchFields?: { key: string; values?: string[] }[] }[];
          };
        };
      };
    }
  ).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms?.[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0];
}
