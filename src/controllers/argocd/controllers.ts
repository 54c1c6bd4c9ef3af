/**
 * `startArgoCdControllers`: installs the CRDs, makes sure the `default` AppProject exists, and
 * runs the Application controller: watch events of Applications, AppProjects and cluster Secrets,
 * drift of each application's objects (the destination cluster's cache), new commits (a poller of
 * the applications' sources), and Argo CD's periodic refresh (120 s + jitter).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type KubeObject, type Logger } from '../../core/index.ts';
import { argoTracker, deepEqual, type ClusterCache } from '../../engine/index.ts';
import type { KubeClient } from '../../kube/index.ts';
import {
  argoRepositoryAuth,
  ARGO_SECRET_TYPE_LABEL,
  type GitAuth,
  type GitSource,
} from '../../source/index.ts';
import {
  argoResyncDelay,
  ArtifactTrees,
  Controller,
  discardMetrics,
  KubeEventRecorder,
  type MetricsSink,
} from '../index.ts';
import type { Application } from './api/application.ts';
import { applicationSources, projectOf } from './api/application-defaults.ts';
import { AppReconciler } from './app-reconciler.ts';
import { ensureDefaultProject } from './default-project.ts';
import { CLUSTER_SECRET_LABEL, ClusterRegistry, type DestinationCluster } from './clusters.ts';
import { installCrds } from './install.ts';
import { globMatches } from './project.ts';
import { createQueries, type ArgoCdQueries } from './queries.ts';
import { resolveSource } from './render-sources.ts';

export interface ArgoCdControllersOptions {
  signal: AbortSignal;
  client: KubeClient;
  /** Shared cache of the cluster Capstan runs against (trackers `{argocd: argoTracker(), …}`). */
  cache: ClusterCache;
  sources: GitSource;
  /** The control-plane namespace: AppProjects, cluster and repository Secrets, Applications. */
  namespace: string;
  /** Argo CD's `application.namespaces`: more namespaces (globs) whose Applications are reconciled. */
  applicationNamespaces: readonly string[];
  logger: Logger;
  /** The API server URL this process reaches the local cluster at (shown for `in-cluster`). */
  clusterServerUrl: string | undefined;
  /** Periodic refresh: Argo CD's `timeout.reconciliation` (120 s) and its jitter (60 s). 0 disables. */
  resyncMs: number;
  resyncJitterMs: number;
  /** How often every application's sources are asked (`git ls-remote`) for new commits. */
  gitPollIntervalMs: number;
  /** A resolved revision is reused this long by reconciles that Git did not trigger. */
  revisionCacheMs: number;
  /** Pause between sync waves (Argo CD: 2 s). */
  waveDelayMs: number;
  /** How often health is read while a sync waits. */
  pollIntervalMs: number;
  /** Applications reconciled at once (Argo CD's `--operation-processors`, 10; status processors 20). */
  workers: number;
  /** Where sources are checked out for rendering; a temp dir when undefined. */
  workDir: string | undefined;
  /** Install the CRDs at start (idempotent). */
  installCrds: boolean;
  /** Reconcile durations, finished syncs and queue depth, for `/metrics`. */
  metrics: MetricsSink;
  /**
   * Only the queries, nothing written and nothing reconciled: for a client that runs beside a
   * controller elsewhere (`capstan --core`). Managed resources are then compared on each call.
   */
  readOnly: boolean;
}

export const defaultArgoCdControllersOptions: Omit<
  ArgoCdControllersOptions,
  'signal' | 'client' | 'cache' | 'sources'
> = {
  namespace: 'argocd',
  applicationNamespaces: [],
  logger: silentLogger,
  clusterServerUrl: undefined,
  resyncMs: 120_000,
  resyncJitterMs: 60_000,
  gitPollIntervalMs: 60_000,
  revisionCacheMs: 60_000,
  waveDelayMs: 2000,
  pollIntervalMs: 1000,
  workers: 10,
  workDir: undefined,
  installCrds: true,
  metrics: discardMetrics,
  readOnly: false,
};

export interface RunningArgoCd extends ArgoCdQueries {
  /** Stops every loop and waits for running reconciles to end. */
  close(): Promise<void>;
}

const APP_KIND = 'argoproj.io/Application';
const PROJECT_KIND = 'argoproj.io/AppProject';

const FINISHED_PHASES = new Set(['Succeeded', 'Failed', 'Error']);

/** The sync operation that finished between `prev` and `next`, if one did (counted once). */
function finishedSync(prev: KubeObject | undefined, next: KubeObject): string | undefined {
  const before = (prev as Application | undefined)?.status?.operationState;
  const after = (next as Application).status?.operationState;
  if (!prev || !after || !FINISHED_PHASES.has(after.phase)) return undefined;
  if (before && before.startedAt === after.startedAt && FINISHED_PHASES.has(before.phase)) return undefined;
  return after.phase;
}

const destServerOf = (app: Application | undefined) =>
  app?.spec?.destination?.server ?? app?.spec?.destination?.name ?? '';

function changedForUs(prev: KubeObject | undefined, next: KubeObject): boolean {
  if (!prev) return true;
  const a = prev as Application;
  const b = next as Application;
  return (
    !deepEqual(a.spec, b.spec) ||
    !deepEqual(a.operation, b.operation) ||
    !deepEqual(a.metadata.annotations, b.metadata.annotations) ||
    !deepEqual(a.metadata.finalizers, b.metadata.finalizers) ||
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp
  );
}

async function ensureNamespace(client: KubeClient, name: string, signal: AbortSignal): Promise<void> {
  try {
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { signal });
  } catch (err) {
    if ((err as { code?: string }).code !== 'AlreadyExists') throw err;
  }
}

export async function startArgoCdControllers(
  options: Partial<ArgoCdControllersOptions> &
    Pick<ArgoCdControllersOptions, 'signal' | 'client' | 'cache' | 'sources'>,
): Promise<RunningArgoCd> {
  const o: ArgoCdControllersOptions = { ...defaultArgoCdControllersOptions, ...options };
  const log = o.logger.child({ controller: 'argocd-application' });
  const stop = new AbortController();
  const signal = AbortSignal.any([o.signal, stop.signal]);
  const workDir = o.workDir ?? (await mkdtemp(join(tmpdir(), 'capstan-argocd-')));
  // Apps on one repository and commit share one unpacked tree; idle ones beyond 32 are removed.
  const trees = new ArtifactTrees(join(workDir, 'checkouts'), o.sources, 32);

  if (!o.readOnly) {
    if (o.installCrds) await installCrds(o.client, { signal });
    await ensureNamespace(o.client, o.namespace, signal);
  }
  await o.cache.ensureKinds([APP_KIND, PROJECT_KIND, 'Secret'], { signal });
  if (!o.readOnly) await ensureDefaultProject(o.client, o.namespace, signal);

  const tracker = argoTracker();
  const watchedNamespace = (ns: string) =>
    ns === o.namespace || o.applicationNamespaces.some((p) => globMatches(p, ns));
  const secretsOfType = (type: string) =>
    o.cache
      .list({ groupKind: 'Secret', namespace: o.namespace })
      .filter((s) => s.metadata.labels?.[CLUSTER_SECRET_LABEL] === type);
  // Controller is assigned below; the registry and reconciler only call it after start.
  // eslint-disable-next-line prefer-const -- assigned once the reconciler that uses it exists
  let controller: Controller | undefined;
  const enqueue = (namespace: string, name: string) => controller?.enqueue({ namespace, name });
  const driftSubs = new Map<
    string,
    { cluster: DestinationCluster; instance: string; unsubscribe: () => void }
  >();

  const clusters = new ClusterRegistry({
    client: o.client,
    cache: o.cache,
    serverUrl: o.clusterServerUrl ?? '',
    secrets: () => secretsOfType('cluster'),
    logger: log,
    signal,
  });
  const authFor = (url: string): Promise<GitAuth | undefined> => {
    const secrets = o.cache
      .list({ groupKind: 'Secret', namespace: o.namespace })
      .filter((s) =>
        ['repository', 'repo-creds'].includes(s.metadata.labels?.[ARGO_SECRET_TYPE_LABEL] ?? ''),
      );
    if (secrets.length === 0) return Promise.resolve(undefined);
    return Promise.resolve(argoRepositoryAuth({ url, secrets }).auth);
  };
  const events = new KubeEventRecorder(o.client, {
    component: 'argocd-application-controller',
    signal,
    logger: log,
  });
  const reconciler = new AppReconciler({
    client: o.client,
    sources: o.sources,
    clusters,
    tracker,
    namespace: o.namespace,
    trees,
    logger: log,
    resyncDelay: () => argoResyncDelay({ timeoutMs: o.resyncMs, jitterMs: o.resyncJitterMs }),
    revisionCacheMs: o.revisionCacheMs,
    waveDelayMs: o.waveDelayMs,
    pollIntervalMs: o.pollIntervalMs,
    authFor,
    enqueue,
    events,
    watchDrift(appKey, instance, cluster) {
      const existing = driftSubs.get(appKey);
      if (existing && existing.cluster === cluster && existing.instance === instance) return;
      existing?.unsubscribe();
      const [namespace, name] = [appKey.slice(0, appKey.indexOf('/')), appKey.slice(appKey.indexOf('/') + 1)];
      const unsubscribe = cluster.cache.subscribe({ app: { tracker: 'argocd', owner: instance } }, () =>
        enqueue(namespace, name),
      );
      driftSubs.set(appKey, { cluster, instance, unsubscribe });
    },
  });

  controller = new Controller(
    {
      reconcile: async (req, ctx) => {
        if (!watchedNamespace(req.namespace)) return {};
        const started = performance.now();
        try {
          return await reconciler.reconcile(req.namespace, req.name, ctx.signal, ctx.log);
        } finally {
          const app = o.cache.get({ group: 'argoproj.io', kind: 'Application', ...req }) as
            Application | undefined;
          o.metrics.appReconciled({
            namespace: req.namespace,
            destServer: destServerOf(app),
            seconds: (performance.now() - started) / 1000,
          });
        }
      },
    },
    {
      name: 'application',
      kind: 'Application',
      maxConcurrentReconciles: o.workers,
      logger: log,
      metrics: { reconciled: (outcome) => o.metrics.reconcileFinished('application', outcome) },
      queueMetrics: { depth: (items) => o.metrics.queueDepth('app_reconciliation_queue', items) },
    },
  );

  const apps = () =>
    o.cache.list({ groupKind: APP_KIND }).filter((a) => watchedNamespace(a.metadata.namespace ?? ''));
  // Read-only (a `--core` CLI): no reconciles, so nothing to trigger.
  const unsubscribe = o.readOnly
    ? () => undefined
    : o.cache.subscribe({}, (event) => {
        const k = event.key;
        if (k.group === 'argoproj.io' && k.kind === 'Application') {
          if (event.type === 'deleted') {
            const sub = driftSubs.get(`${k.namespace}/${k.name}`);
            sub?.unsubscribe();
            driftSubs.delete(`${k.namespace}/${k.name}`);
            reconciler.forget(k.namespace, k.name);
            return;
          }
          const phase = finishedSync(event.previous, event.object);
          if (phase) {
            const app = event.object as Application;
            o.metrics.appSyncFinished({
              namespace: k.namespace,
              name: k.name,
              project: projectOf(app.spec ?? {}),
              destServer: destServerOf(app),
              phase,
              dryRun: app.status?.operationState?.operation?.sync?.dryRun === true,
            });
          }
          if (changedForUs(event.previous, event.object)) enqueue(k.namespace, k.name);
          return;
        }
        if (k.group === 'argoproj.io' && k.kind === 'AppProject' && k.namespace === o.namespace) {
          if (
            event.previous &&
            deepEqual((event.previous as { spec?: unknown }).spec, (event.object as { spec?: unknown }).spec)
          )
            return;
          for (const a of apps())
            if (projectOf((a as Application).spec ?? {}) === k.name)
              enqueue(a.metadata.namespace ?? '', a.metadata.name ?? '');
          return;
        }
        if (k.group === '' && k.kind === 'Secret' && k.namespace === o.namespace) {
          const type = (event.object.metadata.labels ?? event.previous?.metadata.labels)?.[
            CLUSTER_SECRET_LABEL
          ];
          if (type === 'cluster')
            for (const a of apps()) enqueue(a.metadata.namespace ?? '', a.metadata.name ?? '');
        }
      });

  // New commits: every application's sources are resolved on a timer; a moved one is refreshed.
  const poll = async () => {
    for (const a of apps() as Application[]) {
      if (signal.aborted) return;
      const ns = a.metadata.namespace ?? '';
      const known = reconciler.knownRevisions(ns, a.metadata.name);
      if (!known) continue;
      const sources = applicationSources(a.spec ?? {});
      const hash = JSON.stringify(sources);
      if (known.hash !== hash) continue;
      try {
        const ctx = reconciler.renderContext(a, signal);
        const revisions = await Promise.all(sources.map((s) => resolveSource(ctx, s)));
        if (!deepEqual(revisions, known.revisions)) {
          reconciler.setRevisions(ns, a.metadata.name, hash, revisions);
          enqueue(ns, a.metadata.name);
        } else reconciler.setRevisions(ns, a.metadata.name, hash, revisions);
      } catch (err) {
        log.debug('git poll failed', { app: `${ns}/${a.metadata.name}`, error: String(err) });
      }
    }
  };
  let pollTimer: NodeJS.Timeout | undefined;
  const schedulePoll = () => {
    if (signal.aborted || !(o.gitPollIntervalMs > 0)) return;
    pollTimer = setTimeout(() => {
      void poll().finally(schedulePoll);
    }, o.gitPollIntervalMs);
    pollTimer.unref?.();
  };
  let running: Promise<void> = Promise.resolve();
  if (!o.readOnly) {
    schedulePoll();
    for (const a of apps()) enqueue(a.metadata.namespace ?? '', a.metadata.name ?? '');
    running = controller.run(signal);
  }
  const queries = createQueries({
    client: o.client,
    sources: o.sources,
    clusters,
    reconciler,
    tracker,
    authFor,
    compareOnDemand: o.readOnly,
    signal,
  });
  log.info(o.readOnly ? 'argocd queries ready (read-only)' : 'argocd application controller started', {
    namespace: o.namespace,
  });

  let closed: Promise<void> | undefined;
  return {
    ...queries,
    close: () =>
      (closed ??= (async () => {
        stop.abort();
        if (pollTimer) clearTimeout(pollTimer);
        unsubscribe();
        for (const s of driftSubs.values()) s.unsubscribe();
        driftSubs.clear();
        clusters.close();
        await running.catch(() => undefined);
        await trees.close();
      })()),
  };
}
