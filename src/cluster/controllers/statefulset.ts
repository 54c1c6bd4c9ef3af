import type { KubeObject } from '../../core/index.ts';
import type { ControllerContext } from './loop/context.ts';
import type { ReconcileResult } from './loop/queue.ts';
import { withDefaults } from './shared/defaults.ts';
import { CONTROLLER_REVISION, POD, PVC, STATEFULSET } from './shared/kinds.ts';
import { controllerOf, controllerRef } from './shared/owner.ts';
import {
  isAvailable,
  isReady,
  isTerminal,
  podFromTemplate,
  podStatus,
  untilAvailable,
} from './shared/pods.ts';
import { ensureRevision, pruneRevisions, type Revision } from './shared/revisions.ts';
import type { LabelSelector } from './shared/selector.ts';

const MANAGER = 'statefulset-controller';
const REVISION_LABEL = 'controller-revision-hash';

interface ClaimTemplate {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}
interface StsSpec {
  replicas: number;
  selector?: LabelSelector;
  serviceName?: string;
  template?: {
    metadata?: Record<string, unknown>;
    spec?: { volumes?: { name: string }[] } & Record<string, unknown>;
  };
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  volumeClaimTemplates?: ClaimTemplate[];
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
}

/**
 * The StatefulSet controller: pods `<name>-0…N-1` with stable names, created in order and each
 * only once its predecessor is Running and Ready (OrderedReady) or all at once (Parallel);
 * PersistentVolumeClaims `<claim>-<name>-<ordinal>` from volumeClaimTemplates before their pod;
 * scale-down from the highest ordinal; ControllerRevisions with currentRevision/updateRevision and
 * a rolling update from the highest ordinal down to the partition, one pod at a time.
 */
export function startStatefulSetController(ctx: ControllerContext): void {
  const sets = ctx.informer(STATEFULSET);
  const pods = ctx.informer(POD);
  const claims = ctx.informer(PVC);
  ctx.informer(CONTROLLER_REVISION);
  const queue = ctx.queue('statefulset', (key) => reconcile(key));
  const enqueue = (o: KubeObject) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`);
  const enqueueOwner = (p: KubeObject) => {
    const ref = controllerOf(p);
    if (ref?.kind === 'StatefulSet') queue.add(`${p.metadata.namespace}/${ref.name}`);
  };
  sets.on({ added: enqueue, updated: (_o, n) => enqueue(n) });
  pods.on({ added: enqueueOwner, updated: (_o, n) => enqueueOwner(n), deleted: enqueueOwner });

  const reconcile = async (key: string): Promise<ReconcileResult> => {
    const [ns = '', name = ''] = key.split('/');
    const stored = sets.get(ns, name);
    if (!stored) return;
    const set = withDefaults(stored);
    const spec = set.spec as StsSpec;
    const { update, revisions } = await ensureRevision(
      ctx,
      stored,
      (stored.spec as StsSpec).template,
      spec.selector?.matchLabels ?? {},
      MANAGER,
      (stored.status as { collisionCount?: number } | undefined)?.collisionCount,
    );
    const currentName = (stored.status as { currentRevision?: string } | undefined)?.currentRevision;
    const current = revisions.find((r) => r.metadata.name === currentName) ?? update;
    if (!set.metadata.deletionTimestamp) await sync(set, spec, current, update);
    const result = await writeStatus(stored, spec, current, update);
    const used = new Set(owned(stored).map((p) => p.metadata.labels?.[REVISION_LABEL] ?? ''));
    used.add(current.metadata.name ?? '');
    used.add(update.metadata.name ?? '');
    await pruneRevisions(ctx, revisions, used, spec.revisionHistoryLimit ?? 10, MANAGER);
    return result;
  };

  const owned = (set: KubeObject) =>
    pods.ownedBy(set.metadata.uid).filter((p) => controllerOf(p)?.uid === set.metadata.uid);

  const ordinalOf = (set: KubeObject, pod: KubeObject): number => {
    const m = new RegExp(`^${escape(set.metadata.name ?? '')}-(\\d+)$`).exec(pod.metadata.name ?? '');
    return m ? Number(m[1]) : -1;
  };

  /** One pass of `updateStatefulSet`: returns as soon as it must wait (OrderedReady). */
  const sync = async (set: KubeObject, spec: StsSpec, current: Revision, update: Revision) => {
    const ordered = spec.podManagementPolicy !== 'Parallel';
    const byOrdinal = new Map<number, KubeObject>();
    for (const p of owned(set)) byOrdinal.set(ordinalOf(set, p), p);
    const partition =
      spec.updateStrategy?.type === 'RollingUpdate' ? (spec.updateStrategy.rollingUpdate?.partition ?? 0) : 0;
    for (let i = 0; i < spec.replicas; i++) {
      const pod = byOrdinal.get(i);
      if (!pod) {
        const rev = spec.updateStrategy?.type === 'OnDelete' || i < partition ? current : update;
        await createPod(set, spec, i, rev);
        if (ordered) return;
        continue;
      }
      if (isTerminal(pod) && !pod.metadata.deletionTimestamp) {
        await deletePod(set, pod);
        if (ordered) return;
        continue;
      }
      if (ordered && (pod.metadata.deletionTimestamp || podStatus(pod).phase !== 'Running' || !isReady(pod)))
        return;
    }
    const condemned = [...byOrdinal.entries()]
      .filter(([i]) => i >= spec.replicas || i < 0)
      .sort(([a], [b]) => b - a);
    for (const [, pod] of condemned) {
      if (pod.metadata.deletionTimestamp) {
        if (ordered) return;
        continue;
      }
      await deletePod(set, pod);
      if (ordered) return;
    }
    if (spec.updateStrategy?.type === 'OnDelete') return;
    for (let i = spec.replicas - 1; i >= partition; i--) {
      const pod = byOrdinal.get(i);
      if (!pod) return;
      if (pod.metadata.labels?.[REVISION_LABEL] !== update.metadata.name && !pod.metadata.deletionTimestamp) {
        await deletePod(set, pod);
        return;
      }
      if (pod.metadata.deletionTimestamp || !isReady(pod)) return;
    }
  };

  const createPod = async (set: KubeObject, spec: StsSpec, i: number, rev: Revision) => {
    const setName = set.metadata.name ?? '';
    const name = `${setName}-${i}`;
    const template = structuredClone(
      ((rev.data as { spec?: { template?: Record<string, unknown> } }).spec?.template ??
        spec.template) as Record<string, unknown>,
    );
    delete template['$patch'];
    for (const claim of spec.volumeClaimTemplates ?? []) await ensureClaim(set, spec, claim, name);
    const pod = podFromTemplate(
      template,
      set,
      {
        name,
        labels: {
          [REVISION_LABEL]: rev.metadata.name ?? '',
          'statefulset.kubernetes.io/pod-name': name,
          'apps.kubernetes.io/pod-index': String(i),
        },
      },
      [controllerRef(set)],
    );
    const podSpec = pod.spec as Record<string, unknown> & { volumes?: Record<string, unknown>[] };
    podSpec['hostname'] = name;
    if (spec.serviceName) podSpec['subdomain'] = spec.serviceName;
    const claimVolumes = (spec.volumeClaimTemplates ?? []).map((c) => ({
      name: c.metadata?.name ?? '',
      persistentVolumeClaim: { claimName: `${c.metadata?.name}-${name}` },
    }));
    if (claimVolumes.length) {
      const names = new Set(claimVolumes.map((v) => v.name));
      podSpec.volumes = [
        ...claimVolumes,
        ...(podSpec.volumes ?? []).filter((v) => !names.has(v['name'] as string)),
      ];
    }
    await ctx.create(pod, MANAGER);
    ctx.event(
      set,
      'Normal',
      'SuccessfulCreate',
      `create Pod ${name} in StatefulSet ${setName} successful`,
      MANAGER,
    );
  };

  const ensureClaim = async (set: KubeObject, spec: StsSpec, claim: ClaimTemplate, podName: string) => {
    const claimName = `${claim.metadata?.name}-${podName}`;
    if (claims.get(set.metadata.namespace, claimName)) return;
    const policy = spec.persistentVolumeClaimRetentionPolicy ?? {};
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName,
        namespace: set.metadata.namespace,
        labels: { ...claim.metadata?.labels, ...spec.selector?.matchLabels },
        ...(claim.metadata?.annotations ? { annotations: claim.metadata.annotations } : {}),
        ...(policy.whenDeleted === 'Delete' ? { ownerReferences: [controllerRef(set)] } : {}),
      },
      spec: structuredClone(claim.spec ?? {}),
    };
    try {
      await ctx.create(obj, MANAGER);
    } catch (err) {
      if ((err as { httpCode?: number }).httpCode !== 409) throw err;
      return;
    }
    ctx.event(
      set,
      'Normal',
      'SuccessfulCreate',
      `create Claim ${claimName} Pod ${podName} in StatefulSet ${set.metadata.name} success`,
      MANAGER,
    );
  };

  const deletePod = async (set: KubeObject, pod: KubeObject) => {
    await ctx.remove(
      POD,
      { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' },
      { fieldManager: MANAGER },
    );
    ctx.event(
      set,
      'Normal',
      'SuccessfulDelete',
      `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`,
      MANAGER,
    );
  };

  const writeStatus = async (
    stored: KubeObject,
    spec: StsSpec,
    current: Revision,
    update: Revision,
  ): Promise<ReconcileResult> => {
    const now = ctx.now();
    const minReady = spec.minReadySeconds ?? 0;
    const live = owned(stored).filter((p) => !p.metadata.deletionTimestamp);
    const rev = (p: KubeObject) => p.metadata.labels?.[REVISION_LABEL];
    const status: Record<string, unknown> = {
      observedGeneration: stored.metadata.generation ?? 1,
      replicas: live.length,
      readyReplicas: live.filter(isReady).length,
      currentReplicas: live.filter((p) => rev(p) === current.metadata.name).length,
      updatedReplicas: live.filter((p) => rev(p) === update.metadata.name).length,
      currentRevision: current.metadata.name,
      updateRevision: update.metadata.name,
      collisionCount: (stored.status as { collisionCount?: number } | undefined)?.collisionCount ?? 0,
      availableReplicas: live.filter((p) => isAvailable(p, minReady, now)).length,
    };
    if (
      spec.updateStrategy?.type !== 'OnDelete' &&
      status['updatedReplicas'] === spec.replicas &&
      status['readyReplicas'] === spec.replicas &&
      status['replicas'] === spec.replicas
    ) {
      status['currentRevision'] = update.metadata.name;
      status['currentReplicas'] = status['updatedReplicas'];
    }
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas'])
      if (status[k] === 0) delete status[k];
    const old = (stored.status ?? {}) as Record<string, unknown>;
    if (JSON.stringify(sorted(status)) !== JSON.stringify(sorted(old))) {
      const copy = structuredClone(stored);
      copy.status = status;
      await ctx.updateStatus(copy, MANAGER);
    }
    const waits = live
      .map((p) => untilAvailable(p, minReady, now))
      .filter((w): w is number => w !== undefined);
    return waits.length ? { requeueAfterMs: Math.min(...waits) + 5 } : undefined;
  };
}

function sorted(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
