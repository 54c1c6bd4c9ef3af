import type { KubeObject } from '../../core/index.ts';
import { ApiError } from '../errors.ts';
import { rfc3339 } from './loop/clock.ts';
import type { ControllerContext } from './loop/context.ts';
import type { ReconcileResult } from './loop/queue.ts';
import { removeCondition, setCondition } from './shared/conditions.ts';
import { withDefaults } from './shared/defaults.ts';
import { POD, REPLICASET } from './shared/kinds.ts';
import { controllerOf, controllerRef } from './shared/owner.ts';
import {
  isActive,
  isAvailable,
  isReady,
  podFromTemplate,
  podStatus,
  untilAvailable,
  type Condition,
} from './shared/pods.ts';
import { claim } from './shared/adoption.ts';
import { selectorMatches, type LabelSelector } from './shared/selector.ts';

const MANAGER = 'replicaset-controller';
/** Pods created or deleted per sync at most (kube-controller-manager's burstReplicas). */
const BURST = 500;

interface RsSpec {
  replicas: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: { metadata?: { labels?: Record<string, string> } };
}

/**
 * The ReplicaSet controller: keeps `spec.replicas` active Pods (creating from the template,
 * deleting the least advanced first) and reports replicas, fullyLabeledReplicas,
 * readyReplicas, availableReplicas and observedGeneration. Pods are its own by controller
 * ownerReference; a ReplicaSet being deleted creates nothing.
 */
export function startReplicaSetController(ctx: ControllerContext): void {
  const sets = ctx.informer(REPLICASET);
  const pods = ctx.informer(POD);
  const queue = ctx.queue('replicaset', (key) => reconcile(key));
  const enqueue = (o: KubeObject) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`);
  const enqueueOwner = (p: KubeObject) => {
    const ref = controllerOf(p);
    if (ref?.kind === 'ReplicaSet') queue.add(`${p.metadata.namespace}/${ref.name}`);
    // An orphan may be adopted by a ReplicaSet that selects it.
    else if (!ref && isActive(p))
      for (const rs of sets.list(p.metadata.namespace ?? ''))
        if (selectorMatches((rs.spec as RsSpec).selector, p.metadata.labels)) enqueue(rs);
  };
  sets.on({ added: enqueue, updated: (_o, n) => enqueue(n) });
  pods.on({ added: enqueueOwner, updated: (_o, n) => enqueueOwner(n), deleted: enqueueOwner });

  const reconcile = async (key: string): Promise<ReconcileResult> => {
    const [ns = '', name = ''] = key.split('/');
    const stored = sets.get(ns, name);
    if (!stored) return;
    const rs = withDefaults(stored);
    const spec = rs.spec as RsSpec;
    const candidates = [...pods.ownedBy(rs.metadata.uid), ...pods.list(ns).filter((p) => !controllerOf(p))];
    const owned = await claim(ctx, stored, spec.selector, [...new Set(candidates)], MANAGER);
    const active = owned.filter(isActive);
    let failure: string | undefined;
    if (!rs.metadata.deletionTimestamp) {
      const diff = active.length - spec.replicas;
      try {
        if (diff < 0) await createPods(rs, Math.min(-diff, BURST));
        else if (diff > 0) await deletePods(rs, active, Math.min(diff, BURST));
      } catch (err) {
        if (!(err instanceof ApiError) || err.httpCode === 409) throw err;
        failure = err.message;
      }
    }
    return updateStatus(stored, spec, failure);
  };

  const createPods = async (rs: KubeObject, n: number) => {
    const spec = rs.spec as RsSpec;
    for (let i = 0; i < n; i++) {
      const pod = podFromTemplate(spec.template, rs, { generateName: `${rs.metadata.name}-` }, [
        controllerRef(rs),
      ]);
      let created: KubeObject;
      try {
        created = await ctx.create(pod, MANAGER);
      } catch (err) {
        if (err instanceof ApiError)
          ctx.event(rs, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, MANAGER);
        throw err;
      }
      ctx.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, MANAGER);
    }
  };

  const deletePods = async (rs: KubeObject, active: KubeObject[], n: number) => {
    for (const pod of [...active].sort(deletionOrder).slice(0, n)) {
      await ctx.remove(
        POD,
        { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' },
        { fieldManager: MANAGER },
      );
      ctx.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, MANAGER);
    }
  };

  const updateStatus = async (
    stored: KubeObject,
    spec: RsSpec,
    failure: string | undefined,
  ): Promise<ReconcileResult> => {
    // Re-read: pods just created or deleted are in the cache by now.
    const owned = pods
      .ownedBy(stored.metadata.uid)
      .filter((p) => controllerOf(p)?.uid === stored.metadata.uid);
    const active = owned.filter(isActive);
    const now = ctx.now();
    const minReady = spec.minReadySeconds ?? 0;
    const templateLabels = spec.template?.metadata?.labels ?? {};
    const old = (stored.status ?? {}) as Record<string, unknown> & { conditions?: Condition[] };
    let conditions: Condition[] | undefined = old.conditions;
    if (failure) {
      conditions = setCondition(conditions, {
        type: 'ReplicaFailure',
        status: 'True',
        reason: 'FailedCreate',
        message: failure,
        lastTransitionTime: rfc3339(now),
      });
    } else if (conditions?.some((c) => c.type === 'ReplicaFailure'))
      conditions = removeCondition(conditions, 'ReplicaFailure');
    const status: Record<string, unknown> = {
      replicas: active.length,
      fullyLabeledReplicas: active.filter((p) =>
        selectorMatches({ matchLabels: templateLabels }, p.metadata.labels),
      ).length,
      readyReplicas: active.filter(isReady).length,
      availableReplicas: active.filter((p) => isAvailable(p, minReady, now)).length,
      observedGeneration: stored.metadata.generation ?? 1,
      ...(conditions && conditions.length ? { conditions } : {}),
    };
    if (status['readyReplicas'] === 0) delete status['readyReplicas'];
    if (status['availableReplicas'] === 0) delete status['availableReplicas'];
    if (status['fullyLabeledReplicas'] === 0) delete status['fullyLabeledReplicas'];
    if (JSON.stringify(status) !== JSON.stringify(stripped(old))) {
      const copy = structuredClone(stored);
      copy.status = status;
      await ctx.updateStatus(copy, MANAGER);
    }
    // A ready pod turns available after minReadySeconds: look again then.
    const waits = active
      .map((p) => untilAvailable(p, minReady, now))
      .filter((w): w is number => w !== undefined);
    return waits.length ? { requeueAfterMs: Math.min(...waits) + 5 } : undefined;
  };
}

/** Same key order as `updateStatus` builds, for a cheap comparison. */
function stripped(old: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [
    'replicas',
    'fullyLabeledReplicas',
    'readyReplicas',
    'availableReplicas',
    'observedGeneration',
    'conditions',
  ])
    if (old[k] !== undefined) out[k] = old[k];
  return out;
}

/**
 * `controller.ActivePods` order, least valuable first: unscheduled before scheduled, pending
 * before running, not ready before ready, more restarts first, newer before older.
 */
export function deletionOrder(a: KubeObject, b: KubeObject): number {
  const node = (p: KubeObject) => ((p.spec as { nodeName?: string }).nodeName ? 1 : 0);
  if (node(a) !== node(b)) return node(a) - node(b);
  const phase = (p: KubeObject) =>
    ({ Pending: 0, Unknown: 1, Running: 2 })[podStatus(p).phase ?? 'Pending'] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: KubeObject) => (isReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  const restarts = (p: KubeObject) =>
    (podStatus(p).containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const created = (p: KubeObject) => p.metadata.creationTimestamp ?? '';
  return created(a) < created(b) ? 1 : created(a) > created(b) ? -1 : 0;
}
