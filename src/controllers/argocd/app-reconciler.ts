/**
 * The Application reconciler (Argo CD's `processAppRefreshQueueItem` and
 * `processRequestedAppOperation` in one level-based pass): deletion with the resources finalizer,
 * project and spec checks, the requested operation, the comparison with the cluster, automated
 * sync, then one status write.
 */
import { errorMessage, type Logger } from '../../core/index.ts';
import { deepEqual, DiffMemo, instanceName, type Tracker } from '../../engine/index.ts';
import type { KubeClient } from '../../kube/index.ts';
import type { GitAuth, GitSource } from '../../source/index.ts';
import { setArgoConditions, type ArtifactTrees, type EventRecorder, type Result } from '../index.ts';
import type { Application } from './api/application.ts';
import type { ApplicationCondition, ApplicationStatus } from './api/application-status.ts';
import type { AppProject } from './api/appproject.ts';
import type { Operation } from './api/operation.ts';
import {
  DEFAULT_PROJECT,
  applicationSources,
  hasMultipleSources,
  projectOf,
} from './api/application-defaults.ts';
import { appObjectKey, escapePointer, isoSeconds, keyOfApp, now, writeStatus } from './app-object.ts';
import { decideAutoSync } from './auto-sync.ts';
import type { ClusterRegistry, DestinationCluster } from './clusters.ts';
import { compareApp, type Comparison } from './compare.ts';
import { ensureDefaultProject } from './default-project.ts';
import { finalizeApp } from './finalize.ts';
import { operate } from './operate.ts';
import { orphanedCount } from './orphans.ts';
import { syncWindowsAllow } from './project.ts';
import { forbiddenResources } from './run-operation.ts';
import {
  HelmNotSupportedError,
  renderSources,
  resolveSource,
  type RenderContext,
  type RenderedSource,
} from './render-sources.ts';
import { checkSpec } from './spec-check.ts';

export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
const EVALUATED = [
  'InvalidSpecError',
  'ComparisonError',
  'SyncError',
  'OrphanedResourceWarning',
  'SharedResourceWarning',
  'RepeatedResourceWarning',
];

export interface AppReconcilerOptions {
  client: KubeClient;
  sources: GitSource;
  clusters: ClusterRegistry;
  tracker: Tracker;
  namespace: string;
  trees: ArtifactTrees;
  logger: Logger;
  resyncDelay: () => number | undefined;
  revisionCacheMs: number;
  waveDelayMs: number;
  pollIntervalMs: number;
  authFor: (url: string) => Promise<GitAuth | undefined>;
  /** Called when an application's destination is known, to watch it for drift. */
  watchDrift: (appKey: string, instance: string, cluster: DestinationCluster) => void;
  enqueue: (namespace: string, name: string) => void;
  events: EventRecorder;
}

interface AppMemory {
  memo: DiffMemo;
  revisions?: { hash: string; revisions: string[]; at: number };
  rendered?: { hash: string; result: RenderedSource[] };
  comparison?: Comparison;
  cluster?: DestinationCluster;
}

const appKeyOf = (ns: string, name: string) => `${ns}/${name}`;

export class AppReconciler {
  readonly #o: AppReconcilerOptions;
  readonly #memory = new Map<string, AppMemory>();

  constructor(options: AppReconcilerOptions) {
    this.#o = options;
  }

  memory(namespace: string, name: string): AppMemory {
    const key = appKeyOf(namespace, name);
    let m = this.#memory.get(key);
    if (!m) this.#memory.set(key, (m = { memo: new DiffMemo() }));
    return m;
  }

  forget(namespace: string, name: string): void {
    this.#memory.delete(appKeyOf(namespace, name));
  }

  /** The revisions last resolved for an application, for the Git poller. */
  knownRevisions(namespace: string, name: string): { hash: string; revisions: string[] } | undefined {
    return this.#memory.get(appKeyOf(namespace, name))?.revisions;
  }

  setRevisions(namespace: string, name: string, hash: string, revisions: string[]): void {
    this.memory(namespace, name).revisions = { hash, revisions, at: Date.now() };
  }

  instanceOf(app: { metadata: { name: string; namespace?: string | undefined } }): string {
    return instanceName(
      { name: app.metadata.name, namespace: app.metadata.namespace ?? '' },
      this.#o.namespace,
    );
  }

  renderContext(app: Application, signal: AbortSignal): RenderContext {
    return {
      sources: this.#o.sources,
      trees: this.#o.trees,
      signal,
      authFor: this.#o.authFor,
      owner: `application/${app.metadata.namespace}/${app.metadata.name}`,
    };
  }

  async project(name: string, signal: AbortSignal): Promise<AppProject | undefined> {
    const key = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      namespace: this.#o.namespace,
      name,
    };
    const found = (await this.#o.client.get(key, { signal })) as AppProject | undefined;
    if (found || name !== DEFAULT_PROJECT) return found;
    return ensureDefaultProject(this.#o.client, this.#o.namespace, signal);
  }

  async reconcile(namespace: string, name: string, signal: AbortSignal, log: Logger): Promise<Result> {
    const app = (await this.#o.client.get(appObjectKey(namespace, name), { signal })) as
      Application | undefined;
    if (!app) {
      this.forget(namespace, name);
      return {};
    }
    if (app.metadata.deletionTimestamp) {
      const desired = this.memory(namespace, name).rendered?.result.flatMap((r) => r.objects) ?? [];
      const { result, done } = await finalizeApp(
        { ...this.#o, signal, log },
        app,
        this.instanceOf(app),
        desired,
      );
      if (done) this.forget(namespace, name);
      return result;
    }
    return this.#refresh(app, signal, log);
  }

  /**
   * The comparison a refresh would make now, without writing anything or starting an operation:
   * for read-only processes. Undefined when the spec is invalid (the controller's status says why).
   */
  async compareOnly(app: Application, signal: AbortSignal): Promise<Comparison | undefined> {
    const o = this.#o;
    const project = await this.project(projectOf(app.spec), signal);
    if (!project || checkSpec(app, project, o.clusters, o.namespace).errors.length > 0) return undefined;
    const cluster = await o.clusters.resolve(app.spec.destination);
    await cluster.cache.synced({ signal });
    const ctx = this.renderContext(app, signal);
    const sources = applicationSources(app.spec);
    const revisions = await Promise.all(sources.map((s) => resolveSource(ctx, s)));
    const rendered = await renderSources(ctx, sources, revisions);
    const desired = rendered.flatMap((r) => r.objects);
    // A read-only process may watch only a few kinds: the rendered ones are needed to compare.
    const kinds = new Set(
      desired.map((d) => {
        const group = d.apiVersion.includes('/') ? d.apiVersion.slice(0, d.apiVersion.indexOf('/')) : '';
        return group ? `${group}/${d.kind}` : d.kind;
      }),
    );
    await cluster.cache.ensureKinds([...kinds], { signal });
    return compareApp({
      instance: this.instanceOf(app),
      appName: `${app.metadata.namespace ?? ''}/${app.metadata.name}`,
      namespace: app.spec.destination.namespace ?? '',
      desired,
      cluster,
      tracker: o.tracker,
      memo: this.memory(app.metadata.namespace ?? '', app.metadata.name).memo,
      ignoreDifferences: app.spec.ignoreDifferences ?? [],
      signal,
    });
  }

  // --- refresh ----------------------------------------------------------------------------------

  async #refresh(app: Application, signal: AbortSignal, log: Logger): Promise<Result> {
    const o = this.#o;
    const ns = app.metadata.namespace ?? '';
    const mem = this.memory(ns, app.metadata.name);
    const instance = this.instanceOf(app);
    const projectName = projectOf(app.spec);
    const project = await this.project(projectName, signal);
    const { errors: specErrors, server } = checkSpec(app, project, o.clusters, o.namespace);
    const status: ApplicationStatus = structuredClone(app.status ?? {});
    const before = structuredClone(status);
    const conditions: ApplicationCondition[] = [];
    const refreshType = app.metadata.annotations?.[REFRESH_ANNOTATION];
    const sources = applicationSources(app.spec);
    const multi = hasMultipleSources(app.spec);
    let requeue = o.resyncDelay();
    const extraOps: unknown[] = [];
    if (refreshType !== undefined) {
      extraOps.push({ op: 'remove', path: `/metadata/annotations/${escapePointer(REFRESH_ANNOTATION)}` });
      if (refreshType === 'hard') {
        mem.rendered = undefined;
        mem.memo = new DiffMemo();
      }
    }
    const comparedTo = {
      ...(multi ? { sources } : { source: sources[0]! }),
      destination: app.spec.destination,
      ...(app.spec.ignoreDifferences?.length && { ignoreDifferences: app.spec.ignoreDifferences }),
    };

    if (specErrors.length > 0 || !project) {
      conditions.push(...specErrors.map((message) => ({ type: 'InvalidSpecError' as const, message })));
      status.sync = {
        status: 'Unknown',
        comparedTo,
        ...(status.sync?.revision && { revision: status.sync.revision }),
      };
      if (app.operation) {
        // An operation cannot run on an invalid spec: it fails at once, as Argo CD's does.
        status.operationState = {
          operation: app.operation,
          phase: 'Failed',
          message: specErrors.join('; '),
          startedAt: isoSeconds(now()),
          finishedAt: isoSeconds(now()),
        };
        extraOps.push({ op: 'remove', path: '/operation' });
      }
      status.conditions = setArgoConditions(
        status.conditions ?? [],
        conditions,
        EVALUATED,
      ) as ApplicationCondition[];
      status.reconciledAt = isoSeconds(now());
      await this.#write(app, status, extraOps, signal, true);
      return requeue === undefined ? {} : { requeueAfter: requeue };
    }

    const cluster = await o.clusters.resolve(app.spec.destination);
    mem.cluster = cluster;
    o.watchDrift(appKeyOf(ns, app.metadata.name), instance, cluster);
    const ctx = this.renderContext(app, signal);
    const opDeps = {
      ...o,
      signal,
      log,
      current: (a: Application) =>
        o.clusters.local.cache.get({
          group: 'argoproj.io',
          kind: 'Application',
          namespace: a.metadata.namespace ?? '',
          name: a.metadata.name,
        }) as Application | undefined,
    };
    const opReq = { status, project, projectName, cluster, server, instance, render: ctx };

    // A requested operation runs first (Argo CD: the operation queue), then the comparison.
    let current = app;
    if (app.operation) {
      current = await operate(opDeps, { app, op: app.operation, ...opReq });
    }

    for (let round = 0; round < 2; round++) {
      // Where the sources point now: cached between polls, asked again on refresh or spec change.
      const hash = JSON.stringify(sources);
      let revisions: string[];
      const cached = mem.revisions;
      if (
        cached &&
        cached.hash === hash &&
        refreshType === undefined &&
        Date.now() - cached.at < o.revisionCacheMs
      ) {
        revisions = cached.revisions;
      } else {
        try {
          revisions = await Promise.all(sources.map((s) => resolveSource(ctx, s)));
        } catch (err) {
          if (signal.aborted) throw err;
          return this.#comparisonError(current, status, extraOps, comparedTo, errorMessage(err), signal);
        }
        mem.revisions = { hash, revisions, at: Date.now() };
      }
      const renderHash = JSON.stringify([sources, revisions]);
      let rendered = mem.rendered?.hash === renderHash ? mem.rendered.result : undefined;
      if (!rendered) {
        try {
          rendered = await renderSources(ctx, sources, revisions);
        } catch (err) {
          if (signal.aborted) throw err;
          // The type is known even though it cannot be rendered yet: the UI shows a Helm app.
          if (err instanceof HelmNotSupportedError && !multi) status.sourceType = 'Helm';
          return this.#comparisonError(current, status, extraOps, comparedTo, errorMessage(err), signal);
        }
        mem.rendered = { hash: renderHash, result: rendered };
      }
      const desired = rendered.flatMap((r) => r.objects);
      const comparison = await compareApp({
        instance,
        appName: `${app.metadata.namespace ?? ''}/${app.metadata.name}`,
        namespace: app.spec.destination.namespace ?? '',
        desired,
        cluster,
        tracker: o.tracker,
        memo: mem.memo,
        ignoreDifferences: app.spec.ignoreDifferences ?? [],
        signal,
      });
      mem.comparison = comparison;
      const rev = rendered.map((r) => r.revision);
      status.sync = {
        status: comparison.syncStatus,
        comparedTo,
        ...(multi ? { revisions: rev } : { revision: rev[0] ?? '' }),
      };
      const prevHealth = status.health;
      status.health = {
        status: comparison.health.status,
        ...(comparison.health.message && { message: comparison.health.message }),
        lastTransitionTime:
          prevHealth?.status === comparison.health.status && prevHealth.lastTransitionTime
            ? prevHealth.lastTransitionTime
            : isoSeconds(now()),
      };
      status.resources = comparison.resources;
      status.summary = comparison.summary;
      const types = rendered.map((r) => r.sourceType).filter((t) => t !== undefined);
      if (multi) {
        status.sourceTypes = types;
        delete status.sourceType;
      } else if (types[0]) status.sourceType = types[0];
      status.controllerNamespace = o.namespace;

      const cond: ApplicationCondition[] = [];
      for (const e of comparison.errors) cond.push({ type: 'ComparisonError', message: e });
      cond.push(...comparison.warnings);
      const forbidden = forbiddenResources(comparison.desired, project.spec, projectName, (g, k) =>
        cluster.cache.isNamespaced(g, k),
      );
      for (const f of forbidden) cond.push({ type: 'SyncError', message: f });
      if (project.spec.orphanedResources?.warn) {
        const orphans = orphanedCount(cluster, app.spec.destination.namespace ?? '', o.tracker);
        if (orphans > 0) {
          cond.push({
            type: 'OrphanedResourceWarning',
            message: `Application has ${orphans} orphaned resources`,
          });
        }
      }

      // Automated sync: decided on this comparison; the operation runs right away.
      let operation: Operation | undefined;
      if (forbidden.length === 0) {
        const decision = decideAutoSync({
          app: current,
          syncStatus: comparison.syncStatus,
          resources: comparison.resources,
          revisions: rev,
          sources,
          now: now(),
        });
        if (decision.kind === 'sync') {
          const window = syncWindowsAllow(
            project.spec.syncWindows,
            { app: app.metadata.name, namespace: app.spec.destination.namespace ?? '', cluster: server },
            false,
          );
          if (window.allowed) operation = decision.operation;
          else log.debug('auto-sync blocked by a sync window', { message: window.message });
        } else {
          if (decision.condition) cond.push(decision.condition);
          if (decision.retryAfterMs !== undefined)
            requeue = Math.min(requeue ?? Infinity, decision.retryAfterMs + 50);
          log.debug('auto-sync skipped', { reason: decision.reason });
        }
      }
      status.conditions = setArgoConditions(
        status.conditions ?? [],
        cond,
        EVALUATED,
      ) as ApplicationCondition[];
      if (!operation || round > 0) break;
      // Record the operation on the object first, as Argo CD does, so clients see it running.
      current = (await o.client.patch(
        keyOfApp(app),
        { type: 'merge', body: { operation } },
        { signal, fieldManager: 'argocd-controller' },
      )) as Application;
      current = { ...current, status: structuredClone(status) };
      current = await operate(opDeps, { app: current, op: operation, ...opReq });
    }
    const explicit = refreshType !== undefined;
    status.reconciledAt = isoSeconds(now());
    status.observedAt = status.reconciledAt;
    await this.#write(current, status, extraOps, signal, explicit || stale(before.reconciledAt));
    return requeue === undefined ? {} : { requeueAfter: requeue };
  }

  async #comparisonError(
    app: Application,
    status: ApplicationStatus,
    extraOps: unknown[],
    comparedTo: NonNullable<ApplicationStatus['sync']>['comparedTo'],
    message: string,
    signal: AbortSignal,
  ): Promise<Result> {
    status.sync = {
      status: 'Unknown',
      ...(comparedTo && { comparedTo }),
      ...(status.sync?.revision && { revision: status.sync.revision }),
    };
    status.conditions = setArgoConditions(
      status.conditions ?? [],
      [{ type: 'ComparisonError', message }],
      ['ComparisonError', 'InvalidSpecError'],
    ) as ApplicationCondition[];
    status.reconciledAt = isoSeconds(now());
    await this.#write(app, status, extraOps, signal, true);
    // Git or rendering failures are retried on the normal refresh period and on every new commit.
    const delay = this.#o.resyncDelay();
    return delay === undefined ? {} : { requeueAfter: Math.min(delay, 30_000) };
  }

  /** One status write per reconcile, skipped when nothing but the reconcile time would change. */
  async #write(
    app: Application,
    status: ApplicationStatus,
    extraOps: unknown[],
    signal: AbortSignal,
    force: boolean,
  ): Promise<void> {
    const strip = (s: ApplicationStatus) => ({ ...s, reconciledAt: undefined, observedAt: undefined });
    if (!force && extraOps.length === 0 && deepEqual(strip(status), strip(app.status ?? {}))) return;
    await writeStatus(this.#o.client, app, status, signal, extraOps);
  }
}

function stale(reconciledAt: string | undefined): boolean {
  if (!reconciledAt) return true;
  return Date.now() - Date.parse(reconciledAt) > 60_000;
}
