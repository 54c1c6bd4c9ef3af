/**
 * `startFluxControllers`: source-controller's GitRepository and kustomize-controller's
 * Kustomization reconcilers over the shared cluster cache. Triggers, as Flux wires them: a spec
 * change (generation) or a `reconcile.fluxcd.io/requestedAt` token reconciles at once; a new
 * artifact reconciles the Kustomizations of that source; a dependency becoming Ready reconciles its
 * dependents; and — beyond Flux, which corrects drift only on its interval — a change to an applied
 * object by anyone else (not a status update) reconciles its Kustomization immediately.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { KubeObject } from '../../core/index.ts';
import { fluxTracker, type CacheEvent } from '../../engine/index.ts';
import {
  ArtifactTrees,
  Controller,
  KubeEventRecorder,
  fluxRateLimiterOptions,
  getCondition,
  type MetricsSink,
  type ReconcileOutcome,
  type Request,
} from '../index.ts';
import { KUSTOMIZE_GROUP, SOURCE_GROUP } from './api/crd.ts';
import { AppliedSets } from './kustomize/applied-set.ts';
import { sourceKeyOf } from './kustomize/inputs.ts';
import { kustomizationReconciler } from './kustomize/kustomization-reconciler.ts';
import { defaultFluxControllersOptions, type FluxControllersOptions } from './options.ts';
import { gitRepositoryReconciler } from './source/gitrepository-reconciler.ts';
import { join } from 'node:path';

export interface RunningFlux {
  /** Stops both controllers, waits for reconciles in flight, removes unpacked artifacts. */
  close(): Promise<void>;
  /**
   * The stored tar.gz behind a URL path under the artifact base (`/artifacts/gitrepository/ns/name/x.tar.gz`),
   * for the API server to serve; undefined for anything else or when it is gone.
   */
  artifactFile(urlPath: string): string | undefined;
  /** Reconcile now (tests, `capstan reconcile`); normally a `requestedAt` annotation does this. */
  enqueue(kind: 'GitRepository' | 'Kustomization', namespace: string, name: string): void;
}

const requestOf = (key: string) => {
  const [namespace = '', name = ''] = key.split('/');
  return { namespace, name };
};

/** Flux's reconcile-duration histogram and the queue's depth, reported to the sink. */
function controllerMetrics(sink: MetricsSink, controller: string, kind: string) {
  return {
    metrics: {
      reconciled: (outcome: ReconcileOutcome, seconds: number, request: Request) => {
        sink.reconcileFinished(controller, outcome);
        sink.reconciled({ kind, namespace: request.namespace, name: request.name, seconds });
      },
    },
    queueMetrics: { depth: (items: number) => sink.queueDepth(controller, items) },
  };
}

function readyOf(obj: KubeObject | undefined): string {
  const status = obj?.['status'] as { lastAppliedRevision?: string } | undefined;
  return `${obj ? getCondition(obj, 'Ready')?.status : ''}|${status?.lastAppliedRevision ?? ''}`;
}

export async function startFluxControllers(
  options: Partial<FluxControllersOptions> &
    Pick<FluxControllersOptions, 'signal' | 'client' | 'cache' | 'sources'>,
): Promise<RunningFlux> {
  const o: FluxControllersOptions = { ...defaultFluxControllersOptions, ...options };
  const stop = new AbortController();
  const signal = AbortSignal.any([o.signal, stop.signal]);
  await mkdir(o.workDir, { recursive: true });
  await o.cache.ensureKinds([`${SOURCE_GROUP}/GitRepository`, `${KUSTOMIZE_GROUP}/Kustomization`], {
    signal,
  });
  const applied = new AppliedSets();
  const tracker = fluxTracker();
  const trees = new ArtifactTrees(join(o.workDir, 'trees'), o.sources);
  const sourceEvents = new KubeEventRecorder(o.client, { component: 'source-controller' });
  const kustomizeEvents = new KubeEventRecorder(o.client, { component: 'kustomize-controller' });

  // Kustomizations by source (`GitRepository/ns/name`) and by dependency (`ns/name`).
  const bySource = new Map<string, Set<string>>();
  const byDependency = new Map<string, Set<string>>();
  const indexed = new Map<string, string[]>();
  const unindex = (key: string) => {
    for (const k of indexed.get(key) ?? []) {
      bySource.get(k)?.delete(key);
      byDependency.get(k)?.delete(key);
    }
    indexed.delete(key);
  };
  const index = (obj: KubeObject) => {
    const key = `${obj.metadata.namespace}/${obj.metadata.name}`;
    unindex(key);
    const spec = (obj['spec'] ?? {}) as {
      sourceRef?: { kind: string; name: string; namespace?: string };
      dependsOn?: { name: string; namespace?: string }[];
    };
    const keys: string[] = [];
    if (spec.sourceRef) {
      const s = sourceKeyOf({ metadata: obj.metadata, spec: { sourceRef: spec.sourceRef } } as never);
      (bySource.get(s) ?? bySource.set(s, new Set()).get(s)!).add(key);
      keys.push(s);
    }
    for (const d of spec.dependsOn ?? []) {
      const dk = `${d.namespace ?? obj.metadata.namespace}/${d.name}`;
      (byDependency.get(dk) ?? byDependency.set(dk, new Set()).get(dk)!).add(key);
      keys.push(dk);
    }
    indexed.set(key, keys);
  };

  const kustomizations: Controller = new Controller(
    kustomizationReconciler({
      client: o.client,
      cache: o.cache,
      trees,
      applied,
      events: kustomizeEvents,
      logger: o.logger,
      jitterPercent: o.jitterPercent,
      dependencyRequeueMs: o.dependencyRequeueMs,
      healthPollMs: o.healthPollMs,
    }),
    {
      name: 'kustomization',
      kind: 'Kustomization',
      maxConcurrentReconciles: o.kustomizationConcurrency,
      rateLimiter: fluxRateLimiterOptions,
      logger: o.logger,
      ...controllerMetrics(o.metrics, 'kustomization', 'Kustomization'),
    },
  );
  const gitRepositories: Controller = new Controller(
    gitRepositoryReconciler({
      client: o.client,
      sources: o.sources,
      events: sourceEvents,
      logger: o.logger,
      artifactBaseUrl: o.artifactBaseUrl,
      jitterPercent: o.jitterPercent,
      onArtifact: (key) => {
        for (const k of bySource.get(`GitRepository/${key}`) ?? []) kustomizations.enqueue(requestOf(k));
        // GitRepositories that include this one rebuild their artifact with the new content.
        const { namespace, name } = requestOf(key);
        for (const repo of o.cache.list({ groupKind: `${SOURCE_GROUP}/GitRepository`, namespace })) {
          const include = (repo['spec'] as { include?: { repository?: { name?: string } }[] } | undefined)
            ?.include;
          if (include?.some((i) => i.repository?.name === name)) {
            gitRepositories.enqueue({ namespace, name: repo.metadata.name ?? '' });
          }
        }
      },
    }),
    {
      name: 'gitrepository',
      kind: 'GitRepository',
      maxConcurrentReconciles: o.gitRepositoryConcurrency,
      rateLimiter: fluxRateLimiterOptions,
      logger: o.logger,
      ...controllerMetrics(o.metrics, 'gitrepository', 'GitRepository'),
    },
  );

  const changedSpec = (e: CacheEvent) =>
    e.type !== 'modified' ||
    (e.object.metadata.deletionTimestamp !== undefined &&
      e.previous?.metadata.deletionTimestamp === undefined) ||
    e.object.metadata.generation !== e.previous?.metadata.generation ||
    e.object.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'] !==
      e.previous?.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'];

  const onEvent = (e: CacheEvent): void => {
    const gk = `${e.key.group}/${e.key.kind}`;
    const key = `${e.key.namespace}/${e.key.name}`;
    if (gk === `${SOURCE_GROUP}/GitRepository`) {
      if (e.type !== 'deleted' && changedSpec(e)) gitRepositories.enqueue(requestOf(key));
      return;
    }
    if (gk === `${KUSTOMIZE_GROUP}/Kustomization`) {
      if (e.type === 'deleted') {
        unindex(key);
        applied.delete(key);
      } else {
        index(e.object);
        if (changedSpec(e)) kustomizations.enqueue(requestOf(key));
      }
      if (readyOf(e.object) !== readyOf(e.previous)) {
        for (const k of byDependency.get(key) ?? []) kustomizations.enqueue(requestOf(k));
      }
      return;
    }
    // Drift: someone changed or deleted an object a Kustomization applied.
    if (e.type === 'added') return;
    // Only the objects themselves: their descendants (ReplicaSets, Pods) are not applied by Flux.
    const owner = tracker.ownerOf(e.object);
    for (const app of e.apps) {
      if (app.tracker !== 'flux' || app.owner !== owner) continue;
      if (e.type === 'modified' && !applied.drifted(app.owner, e.key, e.object)) continue;
      kustomizations.enqueue(requestOf(app.owner));
    }
  };
  const unsubscribe = o.cache.subscribe({}, onEvent);
  for (const obj of o.cache.list({ groupKind: `${KUSTOMIZE_GROUP}/Kustomization` })) {
    index(obj);
    kustomizations.enqueue(requestOf(`${obj.metadata.namespace}/${obj.metadata.name}`));
  }
  for (const obj of o.cache.list({ groupKind: `${SOURCE_GROUP}/GitRepository` })) {
    gitRepositories.enqueue(requestOf(`${obj.metadata.namespace}/${obj.metadata.name}`));
  }
  const running = Promise.all([kustomizations.run(signal), gitRepositories.run(signal)]);
  const base = new URL(o.artifactBaseUrl, 'http://localhost').pathname.replace(/\/+$/, '');

  return {
    async close() {
      unsubscribe();
      stop.abort();
      await running;
      await Promise.all([sourceEvents.flush(), kustomizeEvents.flush()]);
      await trees.close();
    },
    artifactFile(urlPath) {
      const path = decodeURIComponent(urlPath.split('?')[0] ?? '');
      if (!path.startsWith(`${base}/`)) return undefined;
      const file = o.sources.artifactFile(path.slice(base.length + 1));
      return file && existsSync(file) ? file : undefined;
    },
    enqueue(kind, namespace, name) {
      (kind === 'GitRepository' ? gitRepositories : kustomizations).enqueue({ namespace, name });
    },
  };
}
