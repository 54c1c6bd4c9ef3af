/**
 * Applications (docs/api.md §8): the list and items from the shared watch cache, filtered on the
 * server and by RBAC; sync, rollback, refresh, terminate and delete written to the Application as
 * Argo CD's API server writes them, so the controller needs no other channel; trees, managed
 * resources and revision metadata from the Argo CD controller's queries. Without a cluster (unit
 * tests of other routes) the list is empty and the stream only pings.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { callSignal } from '../call-signal.ts';
import type { KubeObject } from '../../core/index.ts';
import { findApp, canGetApp, requireKube } from '../apps/access.ts';
import { applicationFilter } from '../apps/filter.ts';
import { syncOperation, type SyncRequest } from '../apps/operation.ts';
import { kubeToApiError, patchApp, APP_API_VERSION } from '../apps/write.ts';
import { appStreamRoutes } from '../apps/stream.ts';
import { treeStreamRoutes } from '../apps/tree-stream.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { byNameThenNamespace, listVersion, paginate, strip } from '../query/page.ts';
import { one, type Query } from '../query/params.ts';
import { applicationWriteRoutes } from './application-write.ts';
import { subjectOf } from './subject.ts';

type Named = { Params: { name: string } };
const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

interface AppStatus {
  operationState?: { phase?: string };
  history?: { id?: number; revision?: string; source?: unknown; revisions?: string[]; sources?: unknown[] }[];
}

export function applicationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  appStreamRoutes(app, ctx);
  treeStreamRoutes(app, ctx);
  applicationWriteRoutes(app, ctx);

  app.get('/api/v1/applications', (request) => {
    const kube = ctx.options.kube;
    if (!kube) return Promise.resolve({ metadata: { resourceVersion: '0' }, items: [] });
    const matches = applicationFilter(request.query as Query);
    const all = kube.cache.list({ groupKind: 'argoproj.io/Application' });
    const visible = all.filter((a) => matches(a) && canGetApp(ctx, request, a)).sort(byNameThenNamespace);
    const page = paginate(visible, request.query as Query);
    return Promise.resolve({
      metadata: {
        resourceVersion: listVersion(all),
        ...(page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {}),
      },
      items: page.items.map(strip),
    });
  });

  app.get<Named>('/api/v1/applications/:name', async (request, reply) => {
    const { app: found, namespace, name } = findApp(ctx, request);
    const refresh = one(request.query as Query, 'refresh');
    if (refresh === undefined) return strip(found);
    if (refresh !== 'normal' && refresh !== 'hard')
      throw new ApiError('InvalidArgument', `invalid refresh "${refresh}": normal or hard`);
    const kube = requireKube(ctx);
    return strip(
      await patchApp(
        kube.client,
        namespace,
        name,
        { metadata: { annotations: { [REFRESH_ANNOTATION]: refresh } } },
        callSignal(reply),
      ),
    );
  });

  app.post<Named & { Body: SyncRequest | null }>(
    '/api/v1/applications/:name/sync',
    async (request, reply) => {
      const { app: found, namespace, name } = findApp(ctx, request, 'sync');
      assertNoOperation(found);
      const operation = syncOperation(request.body ?? {}, subjectOf(request).name);
      return strip(
        await patchApp(requireKube(ctx).client, namespace, name, { operation }, callSignal(reply)),
      );
    },
  );

  const rollback = async (request: FastifyRequest<Named>, reply: FastifyReply) => {
    const { app: found, namespace, name } = findApp(ctx, request, 'rollback');
    const body = (request.body ?? {}) as { id?: unknown; prune?: unknown; dryRun?: unknown };
    const id = Number(body.id);
    const spec = found['spec'] as { syncPolicy?: { automated?: { enabled?: boolean } } } | undefined;
    const automated = spec?.syncPolicy?.automated;
    if (automated && automated.enabled !== false)
      throw new ApiError('FailedPrecondition', 'rollback cannot be initiated when auto-sync is enabled');
    const entry = ((found['status'] ?? {}) as AppStatus).history?.find((h) => h.id === id);
    if (!entry)
      throw new ApiError(
        'FailedPrecondition',
        `application ${name} does not have deployment with id ${String(body.id)}`,
      );
    assertNoOperation(found);
    const sync: Record<string, unknown> = entry.revisions?.length
      ? { revisions: entry.revisions, sources: entry.sources }
      : { revision: entry.revision, source: entry.source };
    if (body.prune === true) sync['prune'] = true;
    if (body.dryRun === true) sync['dryRun'] = true;
    const operation = { sync, initiatedBy: { username: subjectOf(request).name } };
    return strip(await patchApp(requireKube(ctx).client, namespace, name, { operation }, callSignal(reply)));
  };
  app.post<Named>('/api/v1/applications/:name/rollback', rollback);
  app.put<Named>('/api/v1/applications/:name/rollback', rollback);

  app.delete<Named>('/api/v1/applications/:name/operation', async (request, reply) => {
    const { app: found, namespace, name } = findApp(ctx, request, 'sync');
    const state = ((found['status'] ?? {}) as AppStatus).operationState;
    if (state?.phase !== 'Running')
      throw new ApiError('NotFound', 'Unable to terminate operation. No operation is in progress');
    // Argo CD marks the state Terminating; the controller stops the operation on seeing it.
    await patchApp(
      requireKube(ctx).client,
      namespace,
      name,
      { status: { operationState: { phase: 'Terminating' } } },
      callSignal(reply),
    );
    return {};
  });

  app.delete<Named>('/api/v1/applications/:name', async (request, reply) => {
    const { app: found, namespace, name } = findApp(ctx, request, 'delete');
    const query = request.query as Query;
    const cascade = one(query, 'cascade') !== 'false';
    const policy = one(query, 'propagationPolicy') ?? 'foreground';
    if (policy !== 'foreground' && policy !== 'background')
      throw new ApiError(
        'InvalidArgument',
        `invalid propagationPolicy "${policy}": foreground or background`,
      );
    const client = requireKube(ctx).client;
    const finalizer = policy === 'background' ? `${RESOURCES_FINALIZER}/background` : RESOURCES_FINALIZER;
    const others = (found.metadata.finalizers ?? []).filter((f) => !f.startsWith(RESOURCES_FINALIZER));
    // As Argo CD: the finalizer says whether the controller deletes the managed resources first.
    const finalizers = cascade ? [...others, finalizer] : others;
    const current = found.metadata.finalizers ?? [];
    if (finalizers.length !== current.length || finalizers.some((f, i) => f !== current[i]))
      await patchApp(client, namespace, name, { metadata: { finalizers } }, callSignal(reply));
    try {
      await client.delete(
        { apiVersion: APP_API_VERSION, kind: 'Application', namespace, name },
        { signal: callSignal(reply) },
      );
    } catch (err) {
      throw kubeToApiError(err);
    }
    return {};
  });

  const argo = () => {
    const q = ctx.options.argocd();
    if (!q) throw new ApiError('Unavailable', 'the Argo CD controller is not running');
    return q;
  };

  app.get<Named>('/api/v1/applications/:name/resource-tree', async (request) => {
    const { namespace, name } = findApp(ctx, request);
    return (await argo().resourceTree(namespace, name)) ?? { nodes: [], orphanedNodes: [], hosts: [] };
  });

  app.get<Named>('/api/v1/applications/:name/managed-resources', async (request) => {
    const { namespace, name } = findApp(ctx, request);
    const query = request.query as Query;
    const items = (await argo().managedResources(namespace, name)) as Record<string, unknown>[];
    const keep = (field: string, v: unknown) => {
      const want = one(query, field);
      return want === undefined || want === (v ?? '');
    };
    return {
      items: items.filter(
        (r) =>
          keep('group', r['group']) &&
          keep('kind', r['kind']) &&
          keep('namespace', r['namespace']) &&
          keep('name', r['name']),
      ),
    };
  });

  app.get<Named>('/api/v1/applications/:name/resource', async (request) => {
    const { namespace, name } = findApp(ctx, request);
    const query = request.query as Query;
    const tree = (await argo().resourceTree(namespace, name)) as
      { nodes?: { group?: string; kind: string; namespace?: string; name: string }[] } | undefined;
    const want = {
      group: one(query, 'group') ?? '',
      kind: one(query, 'kind') ?? '',
      namespace: one(query, 'namespace') ?? '',
      name: one(query, 'resourceName') ?? '',
    };
    const inTree = tree?.nodes?.some(
      (n) =>
        (n.group ?? '') === want.group &&
        n.kind === want.kind &&
        (n.namespace ?? '') === want.namespace &&
        n.name === want.name,
    );
    const live = inTree ? requireKube(ctx).cache.get(want) : undefined;
    if (!live)
      throw new ApiError(
        'NotFound',
        `${want.kind}/${want.namespace}/${want.name}: not in the tree of application ${name}`,
      );
    return { manifest: JSON.stringify(strip(live)) };
  });

  app.get<Named>('/api/v1/applications/:name/events', async (request, reply) => {
    const { app: found } = findApp(ctx, request);
    const query = request.query as Query;
    const uid = one(query, 'resourceUID') ?? found.metadata.uid;
    const ns = one(query, 'resourceNamespace') ?? found.metadata.namespace;
    return { metadata: {}, items: await eventsOf(ctx, uid, ns, callSignal(reply)) };
  });

  app.get<Named & { Params: { revision: string } }>(
    '/api/v1/applications/:name/revisions/:revision/metadata',
    async (request) => {
      const { namespace, name } = findApp(ctx, request);
      try {
        const metadata = await argo().revisionMetadata(namespace, name, request.params.revision);
        if (metadata === undefined)
          throw new ApiError(
            'NotFound',
            `revision ${request.params.revision} not found in the source of ${name}`,
          );
        return metadata;
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw new ApiError('NotFound', `revision ${request.params.revision}: ${(err as Error).message}`, {
          cause: err,
        });
      }
    },
  );
}

function assertNoOperation(app: KubeObject): void {
  const state = ((app['status'] ?? {}) as AppStatus).operationState;
  if (app['operation'] || state?.phase === 'Running')
    throw new ApiError('FailedPrecondition', 'another operation is already in progress');
}

/** Events whose involvedObject is `uid`, newest first (Events are not in the watch cache). */
export async function eventsOf(
  ctx: ServerContext,
  uid: string | undefined,
  namespace: string | undefined,
  signal: AbortSignal,
): Promise<KubeObject[]> {
  if (!uid) return [];
  const list = await requireKube(ctx).client.list(
    { group: '', version: 'v1', kind: 'Event' },
    { signal, ...(namespace ? { namespace } : {}), fieldSelector: `involvedObject.uid=${uid}` },
  );
  const when = (e: KubeObject) => {
    const t = e['lastTimestamp'] ?? e['eventTime'] ?? e.metadata.creationTimestamp;
    return typeof t === 'string' ? t : '';
  };
  return list.items
    .filter((e) => (e['involvedObject'] as { uid?: string } | undefined)?.uid === uid)
    .sort((a, b) => when(b).localeCompare(when(a)))
    .map(strip);
}
