/**
 * Deleting an Application (Argo CD's `finalizeApplicationDeletion`): with the resources finalizer
 * (foreground, or `/background`) its live objects go first — PreDelete/PostDelete hooks included —
 * then the finalizer; without it only the Application goes. An unknown destination lets the
 * Application go without cascading, since nothing can be deleted there.
 */
import { errorMessage, formatRef, type KubeObject, type Logger } from '../../core/index.ts';
import { runAppDeletion, type Tracker } from '../../engine/index.ts';
import type { KubeClient } from '../../kube/index.ts';
import { setArgoConditions, type Result } from '../index.ts';
import type { Application } from './api/application.ts';
import type { ApplicationCondition } from './api/application-status.ts';
import {
  BACKGROUND_RESOURCES_FINALIZER,
  FOREGROUND_RESOURCES_FINALIZER,
  RESOURCES_FINALIZER,
} from './api/application-defaults.ts';
import { keyOfApp, writeStatus } from './app-object.ts';
import type { ClusterRegistry, DestinationCluster } from './clusters.ts';

export interface FinalizeDeps {
  client: KubeClient;
  clusters: ClusterRegistry;
  tracker: Tracker;
  pollIntervalMs: number;
  signal: AbortSignal;
  log: Logger;
}

const OURS = [RESOURCES_FINALIZER, FOREGROUND_RESOURCES_FINALIZER, BACKGROUND_RESOURCES_FINALIZER];

/** `done` once the finalizers are off (the API server then removes the Application). */
export async function finalizeApp(
  deps: FinalizeDeps,
  app: Application,
  instance: string,
  desired: readonly KubeObject[],
): Promise<{ result: Result; done: boolean }> {
  const { signal, log } = deps;
  const held = (app.metadata.finalizers ?? []).filter((f) => OURS.includes(f));
  if (held.length === 0) return { result: {}, done: true };
  let cluster: DestinationCluster;
  try {
    cluster = await deps.clusters.resolve(app.spec.destination);
  } catch (err) {
    log.warn('destination unknown; removing the finalizer without cascading', { error: errorMessage(err) });
    await removeFinalizers(deps.client, app, held, signal);
    return { result: {}, done: true };
  }
  const outcome = await runAppDeletion(
    {
      app: instance,
      namespace: app.spec.destination.namespace ?? '',
      revision: app.status?.sync?.revision ?? '',
      desired: desired.map((d) => deps.tracker.stamp(d, instance)),
      live: cluster.cache.owned({ tracker: 'argocd', owner: instance }),
    },
    {
      signal,
      client: cluster.client,
      reader: cluster.cache.reader(),
      tracker: deps.tracker,
      propagationPolicy: held.includes(BACKGROUND_RESOURCES_FINALIZER) ? 'Background' : 'Foreground',
      pollIntervalMs: deps.pollIntervalMs,
    },
  );
  if (outcome.phase === 'Succeeded') {
    await removeFinalizers(deps.client, app, held, signal);
    return { result: {}, done: true };
  }
  if (outcome.phase === 'Failed' || outcome.phase === 'Error') {
    const status = structuredClone(app.status ?? {});
    status.conditions = setArgoConditions(
      status.conditions ?? [],
      [{ type: 'DeletionError', message: outcome.message }],
      ['DeletionError'],
    ) as ApplicationCondition[];
    await writeStatus(deps.client, app, status, signal);
    log.warn(`${formatRef(app)}: deletion failed`, { message: outcome.message });
  }
  return { result: { requeueAfter: 1000 }, done: false };
}

async function removeFinalizers(client: KubeClient, app: Application, held: string[], signal: AbortSignal) {
  const rest = (app.metadata.finalizers ?? []).filter((f) => !held.includes(f));
  await client.patch(
    keyOfApp(app),
    {
      type: 'json',
      body: [
        // Only if nobody changed the list meanwhile: another finalizer added must not be lost.
        { op: 'test', path: '/metadata/finalizers', value: app.metadata.finalizers ?? [] },
        { op: 'replace', path: '/metadata/finalizers', value: rest },
      ],
    },
    { signal, fieldManager: 'argocd-controller' },
  );
}
