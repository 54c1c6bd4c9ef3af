/**
 * Running `Application.operation` (a sync, a rollback, an automated sync): render the requested
 * revision(s), check the project's resource rules, run the engine's sync, and turn the result
 * into Argo CD's `status.operationState` and, for a full successful sync, a `status.history` entry.
 */
import { errorMessage, parseApiVersion, type KubeObject } from '../../core/index.ts';
import {
  parseSyncOptions,
  runSync,
  type OperationState as EngineOperationState,
  type Tracker,
} from '../../engine/index.ts';
import type { Application } from './api/application.ts';
import type { RevisionHistory } from './api/application-status.ts';
import type { Operation, OperationState } from './api/operation.ts';
import type { ApplicationSource } from './api/source.ts';
import type { AppProjectSpec } from './api/appproject.ts';
import {
  applicationSources,
  hasMultipleSources,
  revisionHistoryLimitOf,
} from './api/application-defaults.ts';
import type { DestinationCluster } from './clusters.ts';
import { isGroupKindPermitted } from './project.ts';
import { dedupeTargets, sharedLive } from './normalize-targets.ts';
import { renderSources, type RenderContext } from './render-sources.ts';

export interface OperationContext {
  app: Application;
  instance: string;
  project: AppProjectSpec;
  projectName: string;
  cluster: DestinationCluster;
  tracker: Tracker;
  render: RenderContext;
  signal: AbortSignal;
  waveDelayMs: number;
  pollIntervalMs: number;
  onProgress: (state: OperationState) => void;
}

export interface OperationOutcome {
  state: OperationState;
  history: RevisionHistory[] | undefined;
}

/** The sources an operation syncs: those it names (a rollback names the history entry's), else the spec's. */
export function operationSources(app: Application, op: Operation): ApplicationSource[] {
  if (op.sync?.sources?.length) return op.sync.sources;
  if (op.sync?.source) return [op.sync.source];
  return applicationSources(app.spec);
}

/** Objects the project does not permit, as Argo CD's sync refuses them. */
export function forbiddenResources(
  desired: readonly KubeObject[],
  project: AppProjectSpec,
  projectName: string,
  isNamespaced: (group: string, kind: string) => boolean | undefined,
): string[] {
  const out: string[] = [];
  for (const obj of desired) {
    const { group } = parseApiVersion(obj.apiVersion);
    const namespaced = isNamespaced(group, obj.kind) ?? obj.metadata.namespace !== undefined;
    if (!isGroupKindPermitted(project, group, obj.kind, namespaced, obj.metadata.name ?? '')) {
      out.push(`resource ${group}:${obj.kind} is not permitted in project ${projectName}`);
    }
  }
  return [...new Set(out)];
}

/** Argo CD's times are `metav1.Time`: RFC 3339 in whole seconds. */
const wholeSeconds = (t: string) => t.replace(/\.\d+Z$/, 'Z');

function toArgoState(
  state: EngineOperationState,
  op: Operation,
  sources: ApplicationSource[],
  multi: boolean,
  revisions: string[],
): OperationState {
  return {
    operation: op,
    phase: state.phase,
    message: state.message,
    startedAt: wholeSeconds(state.startedAt),
    ...(state.finishedAt && { finishedAt: wholeSeconds(state.finishedAt) }),
    ...(state.retryCount && { retryCount: state.retryCount }),
    syncResult: {
      resources: state.syncResult?.resources ?? [],
      revision: revisions[0] ?? '',
      ...(multi ? { revisions, sources } : { source: sources[0]! }),
    },
  };
}

export async function runOperation(ctx: OperationContext, op: Operation): Promise<OperationOutcome> {
  const { app, cluster } = ctx;
  const startedAt = new Date();
  const sources = operationSources(app, op);
  const multi = hasMultipleSources(app.spec);
  const requested = op.sync?.revisions ?? (op.sync?.revision !== undefined ? [op.sync.revision] : []);
  const fail = (message: string, revisions: string[]): OperationOutcome => ({
    state: {
      operation: op,
      phase: 'Error',
      message,
      startedAt: wholeSeconds(startedAt.toISOString()),
      finishedAt: wholeSeconds(new Date().toISOString()),
      syncResult: {
        resources: [],
        revision: revisions[0] ?? '',
        ...(multi ? { revisions, sources } : { source: sources[0]! }),
      },
    },
    history: undefined,
  });
  let rendered;
  try {
    rendered = await renderSources(
      ctx.render,
      sources,
      requested.map((r) => r || undefined),
    );
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    return fail(`ComparisonError: ${errorMessage(err)}`, requested);
  }
  const revisions = rendered.map((r) => r.revision);
  const isNamespaced = (g: string, k: string) => cluster.cache.isNamespaced(g, k);
  // One object per key, as the comparison sees them (the last of several wins).
  const desired = dedupeTargets(
    rendered.flatMap((r) => r.objects),
    isNamespaced,
  ).targets;
  const namespace = app.spec.destination.namespace ?? '';
  const forbidden = forbiddenResources(desired, ctx.project, ctx.projectName, (g, k) =>
    cluster.cache.isNamespaced(g, k),
  );
  if (forbidden.length > 0) {
    const f = fail(forbidden.join('; '), revisions);
    f.state.phase = 'Failed';
    return f;
  }
  const policy = app.spec.syncPolicy;
  const syncOptions = parseSyncOptions([
    ...(policy?.syncOptions ?? []),
    ...(op.sync?.syncOptions ?? []),
    // `argocd app sync --force` sets the strategy's force flag: the same as the Force=true option.
    ...(op.sync?.syncStrategy?.apply?.force || op.sync?.syncStrategy?.hook?.force ? ['Force=true'] : []),
  ]);
  const selected = op.sync?.resources?.map((r) => ({
    group: r.group ?? '',
    kind: r.kind,
    namespace: r.namespace ?? '',
    name: r.name,
  }));
  const retry =
    op.retry?.limit !== undefined
      ? {
          limit: op.retry.limit,
          ...(op.retry.backoff && {
            backoff: {
              ...(op.retry.backoff.duration && { duration: op.retry.backoff.duration }),
              ...(op.retry.backoff.factor !== undefined && { factor: op.retry.backoff.factor }),
              ...(op.retry.backoff.maxDuration && { maxDuration: op.retry.backoff.maxDuration }),
            },
          }),
        }
      : undefined;
  const argoState = (s: EngineOperationState) => toArgoState(s, op, sources, multi, revisions);
  const { state } = await runSync(
    {
      app: ctx.instance,
      namespace,
      revision: revisions[0] ?? '',
      desired,
      // With the objects it renders that another app (or nobody) tracks, so that
      // FailOnSharedResource=true sees them and a sync takes them over as Argo CD's does.
      live: liveForSync(ctx, desired, isNamespaced),
      startedAt,
    },
    {
      signal: ctx.signal,
      client: cluster.client,
      reader: cluster.cache.reader(),
      tracker: ctx.tracker,
      prune: op.sync?.prune ?? false,
      dryRun: op.sync?.dryRun ?? false,
      allowEmpty: op.initiatedBy?.automated === true ? (policy?.automated?.allowEmpty ?? false) : true,
      resources: selected,
      syncOptions,
      retry,
      managedNamespaceMetadata: policy?.managedNamespaceMetadata,
      ignoreDifferences: app.spec.ignoreDifferences ?? [],
      waveDelayMs: ctx.waveDelayMs,
      pollIntervalMs: ctx.pollIntervalMs,
      isNamespaced: (g, k) => cluster.cache.isNamespaced(g, k),
      onProgress: (s) => ctx.onProgress(argoState(s)),
    },
  );
  const final = argoState(state);
  let history: RevisionHistory[] | undefined;
  const full = !op.sync?.dryRun && !op.sync?.resources?.length;
  if (final.phase === 'Succeeded' && full) {
    const previous = app.status?.history ?? [];
    const id = previous.reduce((max, h) => Math.max(max, h.id), -1) + 1;
    const entry: RevisionHistory = {
      id,
      ...(multi ? { revisions, sources } : { revision: revisions[0] ?? '', source: sources[0]! }),
      deployedAt: final.finishedAt ?? wholeSeconds(new Date().toISOString()),
      deployStartedAt: final.startedAt,
      ...(op.initiatedBy && { initiatedBy: op.initiatedBy }),
    };
    const limit = revisionHistoryLimitOf(app.spec);
    history = [...previous, entry].slice(-Math.max(1, limit));
  }
  return { state: final, history };
}

function liveForSync(
  ctx: OperationContext,
  desired: readonly KubeObject[],
  isNamespaced: (g: string, k: string) => boolean | undefined,
): KubeObject[] {
  const owned = ctx.cluster.cache.owned({ tracker: 'argocd', owner: ctx.instance });
  const { live } = sharedLive({
    targets: desired,
    owned,
    get: (key) => ctx.cluster.cache.get(key),
    isNamespaced,
    tracker: ctx.tracker,
    instance: ctx.instance,
    appName: `${ctx.app.metadata.namespace ?? ''}/${ctx.app.metadata.name}`,
  });
  return [...owned, ...live];
}
