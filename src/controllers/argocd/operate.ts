/**
 * Processing a requested operation (Argo CD's `processRequestedAppOperation`): sync windows
 * first, then the sync with its progress written to `status.operationState` (at most once a
 * second), then the final state and history written and `operation` removed in one patch.
 *
 * Terminate (`argocd app terminate-op`): the API server sets the running state's phase to
 * `Terminating`. Progress writes only land while the phase is still `Running` (a JSON patch
 * `test`), so that request is never overwritten; seeing it aborts the sync (no further waves or
 * hooks start) and the operation ends `Failed` with "Operation terminated", as Argo CD's does.
 */
import { errorMessage, type Logger } from '../../core/index.ts';
import { deepEqual, terminateHooks, type Tracker } from '../../engine/index.ts';
import type { KubeClient } from '../../kube/index.ts';
import type { EventRecorder } from '../index.ts';
import type { Application } from './api/application.ts';
import type { ApplicationStatus } from './api/application-status.ts';
import type { AppProject } from './api/appproject.ts';
import type { Operation, OperationState } from './api/operation.ts';
import { isoSeconds, keyOfApp, now, writeStatus } from './app-object.ts';
import type { DestinationCluster } from './clusters.ts';
import { syncWindowsAllow } from './project.ts';
import type { RenderContext } from './render-sources.ts';
import { runOperation } from './run-operation.ts';

export interface OperateRequest {
  app: Application;
  op: Operation;
  /** Updated in place: `operationState` and `history`. */
  status: ApplicationStatus;
  project: AppProject;
  projectName: string;
  cluster: DestinationCluster;
  server: string;
  instance: string;
  render: RenderContext;
}

export interface OperateDeps {
  client: KubeClient;
  /** The Application as the watch cache has it now: where a terminate request shows. */
  current: (app: Application) => Application | undefined;
  tracker: Tracker;
  waveDelayMs: number;
  pollIntervalMs: number;
  signal: AbortSignal;
  log: Logger;
  events: EventRecorder;
}

const TERMINATED = 'Operation terminated';

function revisionText(op: Operation): string {
  return op.sync?.revisions?.join(', ') ?? op.sync?.revision ?? '';
}

export async function operate(deps: OperateDeps, req: OperateRequest): Promise<Application> {
  const { app, op, status, signal } = { ...req, signal: deps.signal };
  const manual = op.initiatedBy?.automated !== true;
  const window = syncWindowsAllow(
    req.project.spec.syncWindows,
    { app: app.metadata.name, namespace: app.spec.destination.namespace ?? '', cluster: req.server },
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
    return finishOperation(deps.client, app, op, status, signal);
  }
  // Argo CD's Terminate: running hooks are deleted, every hook loses its finalizer; the operation
  // ends Failed, or Error when a hook could not be deleted.
  const terminated = async (last: OperationState | undefined): Promise<OperationState> => {
    const resources = (last?.syncResult?.resources ?? []).map((r) => ({ ...r }));
    const ok = await terminateHooks(resources, { client: req.cluster.client, signal });
    return {
      ...last,
      ...(last?.syncResult && { syncResult: { ...last.syncResult, resources } }),
      operation: op,
      phase: ok ? 'Failed' : 'Error',
      message: ok ? TERMINATED : 'Operation termination had errors',
      startedAt: last?.startedAt ?? isoSeconds(now()),
      finishedAt: isoSeconds(now()),
    };
  };
  if (app.status?.operationState?.phase === 'Terminating') {
    // Asked to stop while no process was running it (a restart): it ends here.
    status.operationState = await terminated({ ...app.status.operationState, operation: op });
    return finishOperation(deps.client, app, op, status, signal);
  }
  const terminate = new AbortController();
  const opSignal = AbortSignal.any([signal, terminate.signal]);
  const checkTerminating = () => {
    if (deps.current(app)?.status?.operationState?.phase === 'Terminating')
      terminate.abort(new Error(TERMINATED));
  };
  const watch = setInterval(checkTerminating, Math.max(50, Math.min(deps.pollIntervalMs, 500)));
  let lastSeen: OperationState | undefined;
  let lastWrite = 0;
  let written = false;
  const progress = (state: OperationState) => {
    if (terminate.signal.aborted) return;
    status.operationState = lastSeen = state;
    const t = Date.now();
    if (t - lastWrite < 1000 && state.phase === 'Running') return;
    lastWrite = t;
    // After the first write, only while still Running: a Terminating request is never overwritten.
    const guard = written ? [{ op: 'test', path: '/status/operationState/phase', value: 'Running' }] : [];
    written = true;
    writeStatus(deps.client, app, status, signal, guard).catch((err: unknown) => {
      checkTerminating();
      if (!terminate.signal.aborted) deps.log.debug('progress write failed', { error: errorMessage(err) });
    });
  };
  progress({ operation: op, phase: 'Running', message: '', startedAt: isoSeconds(now()) });
  // Argo CD's application controller Events, same reasons and wording.
  if (!manual)
    deps.events.event(app, 'Normal', 'OperationStarted', `Initiated automated sync to '${revisionText(op)}'`);
  try {
    const outcome = await runOperation(
      {
        app,
        instance: req.instance,
        project: req.project.spec,
        projectName: req.projectName,
        cluster: req.cluster,
        tracker: deps.tracker,
        render: req.render,
        signal: opSignal,
        waveDelayMs: deps.waveDelayMs,
        pollIntervalMs: deps.pollIntervalMs,
        onProgress: progress,
      },
      op,
    );
    status.operationState = outcome.state;
    if (outcome.history && !terminate.signal.aborted) status.history = outcome.history;
    deps.log.info('operation finished', { phase: outcome.state.phase, message: outcome.state.message });
  } catch (err) {
    if (signal.aborted) throw err;
    status.operationState = {
      operation: op,
      phase: 'Error',
      message: errorMessage(err),
      startedAt: status.operationState?.startedAt ?? isoSeconds(now()),
      finishedAt: isoSeconds(now()),
    };
  } finally {
    clearInterval(watch);
  }
  // From the last progress seen before the stop: it lists the hooks that were running.
  if (terminate.signal.aborted) status.operationState = await terminated(lastSeen);
  const state = status.operationState;
  const synced = state?.syncResult?.revision ?? revisionText(op);
  if (state?.phase === 'Succeeded')
    deps.events.event(app, 'Normal', 'OperationCompleted', `Sync operation to ${synced} succeeded`);
  else
    deps.events.event(
      app,
      'Warning',
      'OperationCompleted',
      `Sync operation to ${synced} failed: ${state?.message ?? ''}`,
    );
  return finishOperation(deps.client, app, op, status, signal);
}

/** Writes the final status and removes `operation`, unless a new one was requested meanwhile. */
async function finishOperation(
  client: KubeClient,
  app: Application,
  op: Operation,
  status: ApplicationStatus,
  signal: AbortSignal,
): Promise<Application> {
  const fresh = (await client.get(keyOfApp(app), { signal })) as Application | undefined;
  const extra =
    fresh?.operation && deepEqual(fresh.operation, op) ? [{ op: 'remove', path: '/operation' }] : [];
  return writeStatus(client, app, status, signal, extra);
}
