/**
 * Argo CD's `CompareAppState`: desired objects against the live ones the application tracks →
 * per-resource sync and health (`status.resources`), the application's sync status and health,
 * and the summary (images, external URLs).
 */
import { parseApiVersion, type KubeObject } from '../../core/index.ts';
import {
  aggregateHealth,
  buildTree,
  diffResources,
  getHealth,
  reconcile,
  syncWave,
  type DiffMemo,
  type HealthStatus,
  type LiveObjectDiff,
  type ResourcePair,
  type Tracker,
} from '../../engine/index.ts';
import type { ResourceIgnoreDifferences } from './api/application.ts';
import type {
  ApplicationCondition,
  ApplicationSummary,
  ResourceStatus,
  SyncStatusCode,
} from './api/application-status.ts';
import type { DestinationCluster } from './clusters.ts';
import { dedupeTargets, sharedLive } from './normalize-targets.ts';

export interface Comparison {
  /** Every rendered object, stamped for the application (hooks included). */
  desired: KubeObject[];
  live: KubeObject[];
  pairs: ResourcePair[];
  diffs: LiveObjectDiff[];
  resources: ResourceStatus[];
  syncStatus: SyncStatusCode;
  health: HealthStatus;
  summary: ApplicationSummary;
  /** Messages of objects the server refused to dry-run. */
  errors: string[];
  /** `RepeatedResourceWarning`s and `SharedResourceWarning`s. */
  warnings: ApplicationCondition[];
}

export interface CompareInput {
  instance: string;
  /** `namespace/name`, as warnings name the application. */
  appName: string;
  namespace: string;
  desired: readonly KubeObject[];
  cluster: DestinationCluster;
  tracker: Tracker;
  memo: DiffMemo;
  ignoreDifferences: readonly ResourceIgnoreDifferences[];
  signal: AbortSignal;
}

const IGNORE_HEALTH = 'argocd.argoproj.io/ignore-healthcheck';

function groupKindOf(obj: KubeObject): string {
  const { group } = parseApiVersion(obj.apiVersion);
  return group ? `${group}/${obj.kind}` : obj.kind;
}

function resourceHealth(live: KubeObject | undefined): HealthStatus | undefined {
  if (!live) return { status: 'Missing' };
  return getHealth(live);
}

export async function compareApp(input: CompareInput): Promise<Comparison> {
  const { cluster } = input;
  const isNamespaced = (g: string, k: string) => cluster.cache.isNamespaced(g, k);
  // The destination namespace first: the tracking id names the namespace the object lands in.
  const placed = input.desired.map((d) => {
    const scoped = isNamespaced(parseApiVersion(d.apiVersion).group, d.kind);
    return scoped === true && !d.metadata.namespace && input.namespace
      ? { ...d, metadata: { ...d.metadata, namespace: input.namespace } }
      : d;
  });
  const unique = dedupeTargets(placed, isNamespaced);
  const desired = unique.targets.map((d) => input.tracker.stamp(d, input.instance));
  const owned = cluster.cache.owned({ tracker: 'argocd', owner: input.instance });
  const shared = sharedLive({
    targets: unique.targets,
    owned,
    get: (key) => cluster.cache.get(key),
    isNamespaced,
    tracker: input.tracker,
    instance: input.instance,
    appName: input.appName,
  });
  const live = [...owned, ...shared.live];
  const { resources: pairs } = reconcile(desired, live, input.namespace, isNamespaced);
  const { diffs } = await diffResources(pairs, {
    signal: input.signal,
    client: cluster.client,
    memo: input.memo,
    compare: { ignoreDifferences: input.ignoreDifferences },
    withManagedFields: (l) =>
      cluster.cache.getWithManagedFields({
        group: parseApiVersion(l.apiVersion).group,
        kind: l.kind,
        namespace: l.metadata.namespace ?? '',
        name: l.metadata.name ?? '',
      }),
  });
  const resources: ResourceStatus[] = [];
  const healthInputs = [];
  const errors: string[] = [];
  let outOfSync = false;
  let unknown = false;
  for (let i = 0; i < pairs.length; i++) {
    const { target, live: l } = pairs[i]!;
    const obj = (target ?? l)!;
    const diff = diffs[i]!;
    const { group, version } = parseApiVersion(obj.apiVersion);
    const health = resourceHealth(l);
    const ignoreHealth = (target ?? l)?.metadata.annotations?.[IGNORE_HEALTH] === 'true';
    const status: SyncStatusCode = diff.status;
    if (status === 'OutOfSync') outOfSync = true;
    if (status === 'Unknown') {
      unknown = true;
      if (diff.error) errors.push(diff.error);
    }
    const wave = syncWave(obj);
    resources.push({
      ...(group && { group }),
      version,
      kind: obj.kind,
      ...(obj.metadata.namespace && { namespace: obj.metadata.namespace }),
      name: obj.metadata.name ?? '',
      status,
      ...(health && {
        health: { status: health.status, ...(health.message && { message: health.message }) },
      }),
      ...(target === undefined && { requiresPruning: true }),
      ...(wave !== 0 && { syncWave: wave }),
    });
    if (target !== undefined) {
      healthInputs.push({
        groupKind: groupKindOf(obj),
        health,
        live: l !== undefined,
        ignoreHealthCheck: ignoreHealth,
      });
    }
  }
  resources.sort(compareResources);
  const health = aggregateHealth(healthInputs);
  const tree = buildTree(cluster.cache, live);
  const images = new Set<string>();
  const urls = new Set<string>();
  for (const n of tree.nodes) {
    for (const img of n.images ?? []) images.add(img);
    for (const u of n.networkingInfo?.externalURLs ?? []) urls.add(u);
  }
  const summary: ApplicationSummary = {
    ...(urls.size > 0 && { externalURLs: [...urls].sort() }),
    ...(images.size > 0 && { images: [...images].sort() }),
  };
  return {
    desired,
    live,
    pairs,
    diffs,
    resources,
    syncStatus: unknown ? 'Unknown' : outOfSync ? 'OutOfSync' : 'Synced',
    health: withPodReasons(health, pairs, cluster),
    summary,
    errors,
    warnings: [...unique.conditions, ...shared.conditions],
  };
}

/**
 * Argo CD's per-resource health of a Deployment says only that it is progressing or past its
 * deadline; the reason users look for (ImagePullBackOff, CrashLoopBackOff) is on its Pods. The
 * application's health message names the first unhealthy resource and, when its Pods are waiting
 * on an error, that reason.
 */
function withPodReasons(
  health: HealthStatus,
  pairs: readonly ResourcePair[],
  cluster: DestinationCluster,
): HealthStatus {
  if (health.status === 'Healthy' || health.status === 'Missing') return health;
  for (const { target, live } of pairs) {
    if (!target || !live) continue;
    const h = getHealth(live);
    if (!h || h.status !== health.status) continue;
    const reasons = podReasons(live, cluster);
    const subject = `${live.kind}/${live.metadata.namespace ? `${live.metadata.namespace}/` : ''}${live.metadata.name}`;
    const parts = [h.message, ...reasons].filter((m): m is string => !!m);
    return { status: health.status, message: `${subject}: ${parts.join('; ') || health.status}` };
  }
  return health;
}

function podReasons(root: KubeObject, cluster: DestinationCluster): string[] {
  const out: string[] = [];
  const queue = [root];
  const seen = new Set<string>();
  while (queue.length > 0 && out.length < 3) {
    const obj = queue.shift()!;
    const uid = obj.metadata.uid;
    if (!uid || seen.has(uid)) continue;
    seen.add(uid);
    if (obj.kind === 'Pod' && obj.apiVersion === 'v1') {
      const statuses = ((obj as { status?: { containerStatuses?: unknown[] } }).status?.containerStatuses ??
        []) as {
        name?: string;
        state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string } };
      }[];
      for (const cs of statuses) {
        const waiting = cs.state?.waiting;
        if (
          waiting?.reason &&
          waiting.reason !== 'ContainerCreating' &&
          waiting.reason !== 'PodInitializing'
        ) {
          out.push(
            `Pod ${obj.metadata.name} container ${cs.name}: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`,
          );
        }
      }
      continue;
    }
    queue.push(...cluster.cache.children(uid));
  }
  return out;
}

function compareResources(a: ResourceStatus, b: ResourceStatus): number {
  const ka = `${a.group ?? ''}/${a.kind ?? ''}/${a.namespace ?? ''}/${a.name ?? ''}`;
  const kb = `${b.group ?? ''}/${b.kind ?? ''}/${b.namespace ?? ''}/${b.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
