/**
 * The Application reconciler (Argo CD's `processAppRefreshQueueItem` and
 * `processRequestedAppOperation` in one level-based pass): deletion with the resources finalizer,
 * project and spec checks, the requested operation, the comparison with the cluster, automated
 * sync, then one status write.
 */
import { errorMessage, formatRef, type KubeObject, type Logger } from '../../core/index.ts';
import { deepEqual, DiffMemo, instanceName, runAppDeletion, type Tracker } from '../../engine/index.ts';
import type { KubeClient, ObjectKey } from '../../kube/index.ts';
import type { GitAuth, GitSource } from '../../source/index.ts';
import { setArgoConditions, type Result } from '../index.ts';
import type { Application } from './api/application.ts';
import type { ApplicationCondition, ApplicationStatus } from './api/application-status.ts';
import type { AppProject } from './api/appproject.ts';
import type { Operation, OperationState } from './api/operation.ts';
import {
  BACKGROUND_RESOURCES_FINALIZER,
  DEFAULT_PROJECT,
  FOREGROUND_RESOURCES_FINALIZER,
  RESOURCES_FINALIZER,
  applicationSources,
  hasMultipleSources,
  projectOf,
} from './api/application-defaults.ts';
import { decideAutoSync } from './auto-sync.ts';
import type { ClusterRegistry, DestinationCluster } from './clusters.ts';
import { compareApp, type Comparison } from './compare.ts';
import {
  defaultProject,
  isDestinationPermitted,
  isSourceNamespacePermitted,
  isSourcePermitted,
  syncWindowsAllow,
} from './project.ts';
import { forbiddenResources, runOperation } from './run-operation.ts';
import { renderSources, resolveSource, type RenderContext, type RenderedSource } from './render-sources.ts';

export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
const EVALUATED = ['InvalidSpecError', 'ComparisonError', 'SyncError', 'OrphanedResourceWarning'];

export interface AppReconcilerOptions {
  client: KubeClient;
  sources: GitSource;
  clusters: ClusterRegistry;
  tracker: Tracker;
  namespace: string;
  workDir: string;
  logger: Logger;
  resyncDelay: () => number | undefined;
  revisionCacheMs: number;
  waveDelayMs: number;
  pollIntervalMs: number;
  authFor: (url: string) => Promise<GitAuth | undefined>;
  /** Called when an application's destination is known, to watch it for drift. */
  watchDrift: (appKey: string, instance: string, cluster: DestinationCluster) => void;
  enqueue: (namespace: string, name: string) => void;
}

interface AppMemory {
  memo: DiffMemo;
  revisions?: { hash: string; revisions: string[]; at: number };
  rendered?: { hash: string; result: RenderedSource[] };
  comparison?: Comparison;
  cluster?: DestinationCluster;
}

const now = () => new Date();
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const appKeyOf = (ns: string, name: string) => `${ns}/${name}`;

function appObjectKey(namespace: string, name: string): ObjectKey {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace, name };
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

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
      workDir: this.#o.workDir,
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
    if (app.metadata.deletionTimestamp) return this.#finalize(app, signal, log);
    return this.#refresh(app, signal, log);
  }

  // --- spec and project checks ------------------------------------------------------------------

  #specErrors(
    app: Application,
    project: AppProject | undefined,
  ): { errors: string[]; server: string; clusterName: string } {
    const errors: string[] = [];
    const projectName = projectOf(app.spec);
    const sources = applicationSources(app.spec);
    let server = '';
    let clusterName = '';
    if (sources.length === 0) errors.push('spec.source or spec.sources must be specified');
    try {
      const id = this.#o.clusters.identify(app.spec.destination);
      server = id.server;
      clusterName = id.name;
    } catch (err) {
      errors.push(errorMessage(err));
    }
    if (!project) {
      errors.push(`Application referencing project ${projectName} which does not exist`);
      return { errors, server, clusterName };
    }
    const ns = app.metadata.namespace ?? '';
    if (!isSourceNamespacePermitted(project.spec, ns, this.#o.namespace)) {
      errors.push(`app is not allowed in project "${projectName}", or the project does not exist`);
    }
    for (const s of sources) {
      if (!isSourcePermitted(project.spec, s.repoURL)) {
        errors.push(`application repo ${s.repoURL} is not permitted in project '${projectName}'`);
      }
    }
    if (server) {
      const dstNs = app.spec.destination.namespace ?? '';
      if (!isDestinationPermitted(project.spec, { server, name: clusterName, namespace: dstNs })) {
        errors.push(
          `application destination server '${server}' and namespace '${dstNs}' do not match any of the allowed destinations in project '${projectName}'`,
        );
      }
    }
    return { errors, server, clusterName };
  }

  // --- refresh ----------------------------------------------------------------------------------

  async #refresh(app: Application, signal: AbortSignal, log: Logger): Promise<Result> {
    const o = this.#o;
    const ns = app.metadata.namespace ?? '';
    const mem = this.memory(ns, app.metadata.name);
    const instance = this.instanceOf(app);
    const projectName = projectOf(app.spec);
    const project = await this.project(projectName, signal);
    const { errors: specErrors, server } = this.#specErrors(app, project);
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
      await this.#write(app, status, before, extraOps, signal, true);
      return requeue === undefined ? {} : { requeueAfter: requeue };
    }

    const cluster = await o.clusters.resolve(app.spec.destination);
    mem.cluster = cluster;
    o.watchDrift(appKeyOf(ns, app.metadata.name), instance, cluster);
    const ctx = this.renderContext(app, signal);

    // A requested operation runs first (Argo CD: the operation queue), then the comparison.
    let current = app;
    if (app.operation) {
      current = await this.#operate(
        app,
        app.operation,
        status,
        project,
        projectName,
        cluster,
        server,
        instance,
        signal,
        log,
      );
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
          return this.#comparisonError(
            current,
            status,
            before,
            extraOps,
            comparedTo,
            errorMessage(err),
            signal,
          );
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
          return this.#comparisonError(
            current,
            status,
            before,
            extraOps,
            comparedTo,
            errorMessage(err),
            signal,
          );
        }
        mem.rendered = { hash: renderHash, result: rendered };
      }
      const desired = rendered.flatMap((r) => r.objects);
      const comparison = await compareApp({
        instance,
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
        appObjectKey(ns, app.metadata.name),
        { type: 'merge', body: { operation } },
        { signal, fieldManager: 'argocd-controller' },
      )) as Application;
      current = { ...current, status: structuredClone(status) };
      current = await this.#operate(
        current,
        operation,
        status,
        project,
        projectName,
        cluster,
        server,
        instance,
        signal,
        log,
      );
    }
    const explicit = refreshType !== undefined;
    status.reconciledAt = isoSeconds(now());
    status.observedAt = status.reconciledAt;
    await this.#write(current, status, before, extraOps, signal, explicit || stale(before.reconciledAt));
    return requeue === undefined ? {} : { requeueAfter: requeue };
  }

  async #comparisonError(
    app: Application,
    status: ApplicationStatus,
    before: ApplicationStatus,
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
    await this.#write(app, status, before, extraOps, signal, true);
    // Git or rendering failures are retried on the normal refresh period and on every new commit.
    const delay = this.#o.resyncDelay();
    return delay === undefined ? {} : { requeueAfter: Math.min(delay, 30_000) };
  }

  // --- operations -------------------------------------------------------------------------------

  async #operate(
    app: Application,
    op: Operation,
    status: ApplicationStatus,
    project: AppProject,
    projectName: string,
    cluster: DestinationCluster,
    server: string,
    instance: string,
    signal: AbortSignal,
    log: Logger,
  ): Promise<Application> {
    const o = this.#o;
    const key = appObjectKey(app.metadata.namespace ?? '', app.metadata.name);
    const manual = op.initiatedBy?.automated !== true;
    const window = syncWindowsAllow(
      project.spec.syncWindows,
      { app: app.metadata.name, namespace: app.spec.destination.namespace ?? '', cluster: server },
      manual,
    );
    if (!window.allowed) {
      status.operationState = {
        operation: op,
        phase: 'Failed',
        message: `Sync operation blocked by sync window: ${window.message}`,
        startedAt: isoSeconds(now()),
        finishedAt: isoSeconds(now()),
      };
      return this.#finishOperation(app, op, status, signal);
    }
    let lastWrite = 0;
    const write = (state: OperationState) => {
      status.operationState = state;
      const t = Date.now();
      if (t - lastWrite < 1000 && state.phase === 'Running') return;
      lastWrite = t;
      void o.client
        .patch(
          key,
          { type: 'json', body: [{ op: 'add', path: '/status', value: structuredClone(status) }] },
          {
            signal,
            fieldManager: 'argocd-controller',
          },
        )
        .catch((err: unknown) => log.debug('progress write failed', { error: errorMessage(err) }));
    };
    write({ operation: op, phase: 'Running', message: '', startedAt: isoSeconds(now()) });
    try {
      const outcome = await runOperation(
        {
          app,
          instance,
          project: project.spec,
          projectName,
          cluster,
          tracker: o.tracker,
          render: this.renderContext(app, signal),
          signal,
          waveDelayMs: o.waveDelayMs,
          pollIntervalMs: o.pollIntervalMs,
          onProgress: write,
        },
        op,
      );
      status.operationState = outcome.state;
      if (outcome.history) status.history = outcome.history;
      log.info('operation finished', { phase: outcome.state.phase, message: outcome.state.message });
    } catch (err) {
      if (signal.aborted) throw err;
      status.operationState = {
        operation: op,
        phase: 'Error',
        message: errorMessage(err),
        startedAt: status.operationState?.startedAt ?? isoSeconds(now()),
        finishedAt: isoSeconds(now()),
      };
    }
    // The comparison after a sync must see what it wrote, not remembered results.
    return this.#finishOperation(app, op, status, signal);
  }

  async #finishOperation(
    app: Application,
    op: Operation,
    status: ApplicationStatus,
    signal: AbortSignal,
  ): Promise<Application> {
    const key = appObjectKey(app.metadata.namespace ?? '', app.metadata.name);
    const fresh = (await this.#o.client.get(key, { signal })) as Application | undefined;
    const body: unknown[] = [];
    // A new operation requested meanwhile stays for the next pass.
    if (fresh?.operation && deepEqual(fresh.operation, op)) body.push({ op: 'remove', path: '/operation' });
    body.push({ op: 'add', path: '/status', value: structuredClone(status) });
    const written = (await this.#o.client.patch(
      key,
      { type: 'json', body },
      {
        signal,
        fieldManager: 'argocd-controller',
      },
    )) as Application;
    return written;
  }

  async #write(
    app: Application,
    status: ApplicationStatus,
    before: ApplicationStatus,
    extraOps: unknown[],
    signal: AbortSignal,
    force: boolean,
  ): Promise<void> {
    const strip = (s: ApplicationStatus) => ({ ...s, reconciledAt: undefined, observedAt: undefined });
    const current = app.status ?? before;
    if (!force && extraOps.length === 0 && deepEqual(strip(status), strip(current))) return;
    const body = [...extraOps, { op: 'add', path: '/status', value: status }];
    await this.#o.client.patch(
      appObjectKey(app.metadata.namespace ?? '', app.metadata.name),
      { type: 'json', body },
      {
        signal,
        fieldManager: 'argocd-controller',
      },
    );
  }

  // --- deletion ---------------------------------------------------------------------------------

  async #finalize(app: Application, signal: AbortSignal, log: Logger): Promise<Result> {
    const finalizers = app.metadata.finalizers ?? [];
    const ours = [RESOURCES_FINALIZER, FOREGROUND_RESOURCES_FINALIZER, BACKGROUND_RESOURCES_FINALIZER];
    const held = finalizers.filter((f) => ours.includes(f));
    if (held.length === 0) return {};
    const instance = this.instanceOf(app);
    const key = appObjectKey(app.metadata.namespace ?? '', app.metadata.name);
    let cluster: DestinationCluster;
    try {
      cluster = await this.#o.clusters.resolve(app.spec.destination);
    } catch (err) {
      // Without a reachable destination there is nothing Capstan can delete: let the app go.
      log.warn('destination unknown; removing the finalizer without cascading', { error: errorMessage(err) });
      await this.#removeFinalizers(app, held, signal);
      return {};
    }
    const mem = this.memory(app.metadata.namespace ?? '', app.metadata.name);
    const desired = mem.rendered?.result.flatMap((r) => r.objects) ?? [];
    const outcome = await runAppDeletion(
      {
        app: instance,
        namespace: app.spec.destination.namespace ?? '',
        revision: app.status?.sync?.revision ?? '',
        desired: desired.map((d) => this.#o.tracker.stamp(d, instance)),
        live: cluster.cache.owned({ tracker: 'argocd', owner: instance }),
      },
      {
        signal,
        client: cluster.client,
        reader: cluster.cache.reader(),
        tracker: this.#o.tracker,
        propagationPolicy: held.includes(BACKGROUND_RESOURCES_FINALIZER) ? 'Background' : 'Foreground',
        pollIntervalMs: this.#o.pollIntervalMs,
      },
    );
    if (outcome.phase === 'Succeeded') {
      await this.#removeFinalizers(app, held, signal);
      this.forget(app.metadata.namespace ?? '', app.metadata.name);
      return {};
    }
    if (outcome.phase === 'Failed' || outcome.phase === 'Error') {
      const status = structuredClone(app.status ?? {});
      status.conditions = setArgoConditions(
        status.conditions ?? [],
        [{ type: 'DeletionError', message: outcome.message }],
        ['DeletionError'],
      ) as ApplicationCondition[];
      await this.#o.client.patch(
        key,
        { type: 'json', body: [{ op: 'add', path: '/status', value: status }] },
        {
          signal,
          fieldManager: 'argocd-controller',
        },
      );
      log.warn(`${formatRef(app)}: deletion failed`, { message: outcome.message });
    }
    return { requeueAfter: 1000 };
  }

  async #removeFinalizers(app: Application, held: string[], signal: AbortSignal): Promise<void> {
    const rest = (app.metadata.finalizers ?? []).filter((f) => !held.includes(f));
    await this.#o.client.patch(
      appObjectKey(app.metadata.namespace ?? '', app.metadata.name),
      {
        type: 'json',
        body: [
          { op: 'test', path: '/metadata/finalizers', value: app.metadata.finalizers ?? [] },
          { op: 'replace', path: '/metadata/finalizers', value: rest },
        ],
      },
      { signal, fieldManager: 'argocd-controller' },
    );
  }
}

function stale(reconciledAt: string | undefined): boolean {
  if (!reconciledAt) return true;
  return Date.now() - Date.parse(reconciledAt) > 60_000;
}

/** Top-level namespaced objects in the destination namespace that no application tracks. */
function orphanedCount(cluster: DestinationCluster, namespace: string, tracker: Tracker): number {
  if (!namespace) return 0;
  let n = 0;
  for (const obj of cluster.cache.list({ namespace })) {
    if (obj.metadata.ownerReferences?.length) continue;
    if (tracker.ownerOf(obj) !== undefined) continue;
    if (ORPHAN_IGNORED.has(obj.kind)) continue;
    if (obj.kind === 'ConfigMap' && obj.metadata.name === 'kube-root-ca.crt') continue;
    if (obj.kind === 'ServiceAccount' && obj.metadata.name === 'default') continue;
    n++;
  }
  return n;
}

const ORPHAN_IGNORED = new Set(['Event', 'Endpoints', 'EndpointSlice', 'Lease']);

export async function ensureDefaultProject(
  client: KubeClient,
  namespace: string,
  signal: AbortSignal,
): Promise<AppProject | undefined> {
  try {
    return (await client.create(defaultProject(namespace), {
      signal,
      fieldManager: 'argocd-controller',
    })) as AppProject;
  } catch (err) {
    if ((err as { code?: string }).code !== 'AlreadyExists') throw err;
    return (await client.get(
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace, name: DEFAULT_PROJECT },
      { signal },
    )) as AppProject | undefined;
  }
}

export type { KubeObject };
