/**
 * Flux objects (docs/api.md §9): lists and items from the watch cache, and the flux CLI's
 * writes: `reconcile` sets `reconcile.fluxcd.io/requestedAt`, `suspend`/`resume` set
 * `spec.suspend` (resume also requests a reconcile). Plus the artifacts the source controller
 * stores, at the URLs it puts in `status.artifact.url`.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { callSignal } from '../call-signal.ts';
import type { KubeObject } from '../../core/index.ts';
import { requireKube } from '../apps/access.ts';
import { kubeToApiError } from '../apps/write.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, permissionDenied } from '../errors.ts';
import { fluxFilter } from '../flux/filter.ts';
import { fluxKind, FLUX_KINDS, groupKindOfFlux, type FluxKind } from '../flux/kinds.ts';
import { objectStreamRoute } from '../query/object-stream.ts';
import { byNameThenNamespace, listVersion, paginate, strip } from '../query/page.ts';
import type { Query } from '../query/params.ts';
import { pathOf } from '../static/paths.ts';
import { eventsOf } from './applications.ts';
import { subjectOf } from './subject.ts';

type Item = { Params: { resource: string; namespace: string; name: string } };
const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';

export function fluxRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const canGet = (request: FastifyRequest, kind: FluxKind, o: KubeObject) =>
    ctx.authorizer.enforce(
      subjectOf(request),
      kind.resource,
      'get',
      `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`,
    );

  /** The object, after `get` (then `action`) is allowed; a hidden object looks like a missing one. */
  const find = (request: FastifyRequest<Item>, action?: string, resource = request.params.resource) => {
    const kind = fluxKind(resource);
    const { namespace, name } = request.params;
    const object = `${namespace}/${name}`;
    const subject = subjectOf(request);
    if (!ctx.authorizer.enforce(subject, kind.resource, 'get', object))
      throw permissionDenied(kind.resource, 'get', object, '');
    const obj = requireKube(ctx).cache.get({ group: kind.group, kind: kind.kind, namespace, name });
    if (!obj) throw new ApiError('NotFound', `${kind.resource}.${kind.group} "${name}" not found`);
    if (action) ctx.authorizer.check(subject, kind.resource, action, object);
    return { kind, obj, namespace, name };
  };

  const patch = async (
    kind: FluxKind,
    namespace: string,
    name: string,
    body: unknown,
    signal: AbortSignal,
  ) => {
    try {
      return strip(
        await requireKube(ctx).client.patch(
          { apiVersion: kind.apiVersion, kind: kind.kind, namespace, name },
          { type: 'merge', body },
          { signal, fieldManager: 'capstan-server' },
        ),
      );
    } catch (err) {
      throw kubeToApiError(err);
    }
  };
  const requestReconcile = () => ({
    metadata: { annotations: { [REQUESTED_AT]: new Date().toISOString() } },
  });

  objectStreamRoute(app, ctx, {
    path: '/api/v1/stream/flux/:resource',
    groupKind: (request) => groupKindOfFlux(fluxKind((request.params as { resource: string }).resource)),
    groupKinds: FLUX_KINDS.map(groupKindOfFlux),
    key: 'object',
    filter: (request) => fluxFilter(request.query as Query),
    canGet: (request, o) => canGet(request, fluxKind((request.params as { resource: string }).resource), o),
  });

  app.get<{ Params: { resource: string } }>('/api/v1/flux/:resource', (request) => {
    const kind = fluxKind(request.params.resource);
    const kube = ctx.options.kube;
    if (!kube) return Promise.resolve({ metadata: { resourceVersion: '0' }, items: [] });
    const matches = fluxFilter(request.query as Query);
    const all = kube.cache.list({ groupKind: groupKindOfFlux(kind) });
    const visible = all.filter((o) => matches(o) && canGet(request, kind, o)).sort(byNameThenNamespace);
    const page = paginate(visible, request.query as Query);
    return Promise.resolve({
      metadata: {
        resourceVersion: listVersion(all),
        ...(page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {}),
      },
      items: page.items.map(strip),
    });
  });

  app.get<Item>('/api/v1/flux/:resource/:namespace/:name', (request) =>
    Promise.resolve(strip(find(request).obj)),
  );

  app.post<Item & { Body: { withSource?: unknown } | null }>(
    '/api/v1/flux/:resource/:namespace/:name/reconcile',
    async (request, reply) => {
      const { kind, obj, namespace, name } = find(request, 'reconcile');
      if ((obj['spec'] as { suspend?: boolean } | undefined)?.suspend === true)
        throw new ApiError(
          'FailedPrecondition',
          `${kind.kind}/${namespace}/${name}: cannot reconcile a suspended object, resume it first`,
        );
      if (request.body?.withSource === true && kind.resource === 'kustomizations') {
        const ref = (obj['spec'] as { sourceRef?: { kind?: string; name?: string; namespace?: string } })
          .sourceRef;
        const source = FLUX_KINDS.find((k) => k.kind === ref?.kind);
        if (source && ref?.name) {
          const sourceNs = ref.namespace ?? namespace;
          ctx.authorizer.check(subjectOf(request), source.resource, 'reconcile', `${sourceNs}/${ref.name}`);
          await patch(source, sourceNs, ref.name, requestReconcile(), callSignal(reply));
        }
      }
      return patch(kind, namespace, name, requestReconcile(), callSignal(reply));
    },
  );

  for (const verb of ['suspend', 'resume'] as const) {
    app.post<Item>(`/api/v1/flux/:resource/:namespace/:name/${verb}`, async (request, reply) => {
      const { kind, namespace, name } = find(request, 'update');
      const body =
        verb === 'suspend'
          ? { spec: { suspend: true } }
          : { spec: { suspend: false }, ...requestReconcile() };
      return patch(kind, namespace, name, body, callSignal(reply));
    });
  }

  app.get<{ Params: { namespace: string; name: string } }>(
    '/api/v1/flux/kustomizations/:namespace/:name/resource-tree',
    async (request) => {
      const { namespace, name } = find(request as FastifyRequest<Item>, undefined, 'kustomizations');
      return (await ctx.options.fluxTree(namespace, name)) ?? { nodes: [], orphanedNodes: [], hosts: [] };
    },
  );

  app.get<Item>('/api/v1/flux/:resource/:namespace/:name/events', async (request, reply) => {
    const { obj } = find(request);
    return {
      metadata: {},
      items: await eventsOf(ctx, obj.metadata.uid, obj.metadata.namespace, callSignal(reply)),
    };
  });

  // Flux's source-controller serves artifacts without authentication inside the cluster; here
  // they hold the same Git content a session could read, so a session is required.
  app.get('/artifacts/*', (request, reply) => {
    if (!request.session) throw new ApiError('Unauthenticated', 'no session information');
    const file = ctx.options.artifactFile(pathOf(request.url));
    if (!file) throw new ApiError('NotFound', `${pathOf(request.url)}: no such artifact`);
    return reply.type('application/gzip').send(createReadStream(file));
  });
}
