/**
 * Creating and changing Applications (docs/api.md §8), as Argo CD's API server does: `POST
 * /api/v1/applications` (idempotent when the spec is the same; `upsert=true` overwrites),
 * `PUT …/{name}` (the whole object), `PUT …/{name}/spec` and `PATCH …/{name}` (a JSON or merge
 * patch of the object). RBAC: `create` for new ones, `update` for changes, and when the project
 * changes `update` in the old project and `create` in the new one. Every write is validated
 * against the project first (`validate.ts`). Clients cannot set `.operation` or `.status` here:
 * operations go through sync and rollback.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { KubeObject } from '../../core/index.ts';
import { applyJsonPatch, applyMergePatch, ConflictError } from '../../kube/index.ts';
import { appRbacObject, findApp, requireKube } from '../apps/access.ts';
import { validateApplication } from '../apps/validate.ts';
import { APP_API_VERSION, kubeToApiError } from '../apps/write.ts';
import { callSignal } from '../call-signal.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { strip } from '../query/page.ts';
import { one, type Query } from '../query/params.ts';
import { subjectOf } from './subject.ts';

type Named = { Params: { name: string } };
const FIELD_MANAGER = 'argocd-server';

/** Empty maps and lists and absent fields are the same to Go's DeepEqual of decoded objects. */
function normalized(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(normalized);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const n = normalized(x);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v ?? undefined;
}
const same = (a: unknown, b: unknown) => isDeepStrictEqual(normalized(a), normalized(b));

/** The Application a client sent, as it would be stored: ours to name, never its operation or status. */
function incoming(ctx: ServerContext, body: unknown, fallbackNamespace?: string): KubeObject {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ApiError('InvalidArgument', 'the request body must be an Application');
  const app = body as KubeObject;
  const metadata = app.metadata ?? {};
  const namespace = metadata.namespace || fallbackNamespace || ctx.options.controlNamespace;
  if (namespace !== ctx.options.controlNamespace && !ctx.options.appsInAnyNamespace)
    throw new ApiError('InvalidArgument', `namespace '${namespace}' is not permitted`);
  const { operation: _operation, status: _status, ...rest } = app as Record<string, unknown>;
  return {
    ...rest,
    apiVersion: APP_API_VERSION,
    kind: 'Application',
    metadata: { ...metadata, namespace },
  };
}

/** `update` in the project it is in; when the project changes, `create` in the new one too. */
function checkChange(ctx: ServerContext, request: FastifyRequest, current: KubeObject, next: KubeObject) {
  const subject = subjectOf(request);
  ctx.authorizer.check(subject, 'applications', 'update', appRbacObject(ctx, current));
  const to = appRbacObject(ctx, next);
  if (to !== appRbacObject(ctx, current)) ctx.authorizer.check(subject, 'applications', 'create', to);
}

/**
 * Writes `next`'s spec, labels, annotations and finalizers over `current` (Argo's `updateApp`):
 * with the resourceVersion read, and on a conflict (the controller wrote its status meanwhile, or
 * the watch cache was behind) again over a fresh read, ten times at most, as Argo CD does.
 */
async function updateApp(
  ctx: ServerContext,
  current: KubeObject,
  next: KubeObject,
  merge: boolean,
  signal: AbortSignal,
): Promise<KubeObject> {
  const client = requireKube(ctx).client;
  let base = current;
  for (let attempt = 0; ; attempt++) {
    const meta = base.metadata;
    const labels = merge ? { ...meta.labels, ...next.metadata.labels } : next.metadata.labels;
    const annotations = merge
      ? { ...meta.annotations, ...next.metadata.annotations }
      : next.metadata.annotations;
    const updated: KubeObject = {
      ...base,
      spec: next['spec'],
      metadata: {
        ...meta,
        ...(labels && Object.keys(labels).length ? { labels } : { labels: undefined }),
        ...(annotations && Object.keys(annotations).length ? { annotations } : { annotations: undefined }),
        finalizers: next.metadata.finalizers,
      },
    };
    try {
      return await client.update(JSON.parse(JSON.stringify(updated)) as KubeObject, {
        signal,
        fieldManager: FIELD_MANAGER,
      });
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 9) throw kubeToApiError(err);
      const fresh = await client.get(
        {
          apiVersion: APP_API_VERSION,
          kind: 'Application',
          namespace: meta.namespace ?? '',
          name: meta.name ?? '',
        },
        { signal },
      );
      if (!fresh) throw new ApiError('NotFound', `applications.argoproj.io "${meta.name ?? ''}" not found`);
      base = fresh;
    }
  }
}

export function applicationWriteRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/v1/applications', async (request, reply) => {
    const kube = requireKube(ctx);
    const wanted = incoming(ctx, request.body);
    const subject = subjectOf(request);
    ctx.authorizer.check(subject, 'applications', 'create', appRbacObject(ctx, wanted));
    validateApplication(ctx, wanted);
    const key = {
      group: 'argoproj.io',
      kind: 'Application',
      namespace: wanted.metadata.namespace ?? '',
      name: wanted.metadata.name ?? '',
    };
    const signal = callSignal(reply);
    const existing =
      kube.cache.get(key) ??
      (await kube.client.get(
        { apiVersion: APP_API_VERSION, kind: 'Application', namespace: key.namespace, name: key.name },
        { signal },
      ));
    if (!existing) {
      try {
        return strip(await kube.client.create(wanted, { signal, fieldManager: FIELD_MANAGER }));
      } catch (err) {
        throw kubeToApiError(err);
      }
    }
    const unchanged =
      same(existing['spec'], wanted['spec']) &&
      same(existing.metadata.labels, wanted.metadata.labels) &&
      same(existing.metadata.annotations, wanted.metadata.annotations) &&
      same(existing.metadata.finalizers, wanted.metadata.finalizers);
    if (unchanged) return strip(existing);
    if (one(request.query as Query, 'upsert') !== 'true')
      throw new ApiError(
        'InvalidArgument',
        'existing application spec is different, use upsert flag to force update',
      );
    checkChange(ctx, request, existing, wanted);
    return strip(await updateApp(ctx, existing, wanted, true, signal));
  });

  // `validate=false` only skips Argo's rendering of the sources, which this server never does:
  // the project's permissions are checked either way.
  const replace = (request: FastifyRequest, reply: FastifyReply, current: KubeObject, next: KubeObject) => {
    checkChange(ctx, request, current, next);
    validateApplication(ctx, next);
    return updateApp(ctx, current, next, false, callSignal(reply));
  };

  app.put<Named>('/api/v1/applications/:name', async (request, reply) => {
    const next = incoming(ctx, request.body, one(request.query as Query, 'appNamespace'));
    if (next.metadata.name && next.metadata.name !== request.params.name)
      throw new ApiError(
        'InvalidArgument',
        `metadata.name "${next.metadata.name}" does not match the path's "${request.params.name}"`,
      );
    next.metadata.name = request.params.name;
    const { app: current } = findApp(ctx, request);
    return strip(await replace(request, reply, current, next));
  });

  app.put<Named>('/api/v1/applications/:name/spec', async (request, reply) => {
    const body = request.body as { spec?: unknown } | null;
    // Argo's gateway takes the spec as the body; `{spec: …}` is accepted too.
    const spec =
      body && typeof body === 'object' && 'spec' in body && Object.keys(body).length === 1 ? body.spec : body;
    if (!spec || typeof spec !== 'object')
      throw new ApiError('InvalidArgument', 'the request body must be an ApplicationSpec');
    const { app: current } = findApp(ctx, request);
    const updated = await replace(request, reply, current, { ...current, spec });
    return updated['spec'];
  });

  app.patch<Named>('/api/v1/applications/:name', async (request, reply) => {
    const body = (request.body ?? {}) as { patch?: unknown; patchType?: unknown };
    const type = body.patchType ?? 'json';
    if (type !== 'json' && type !== 'merge' && type !== '')
      throw new ApiError(
        'InvalidArgument',
        `Patch type '${JSON.stringify(type).replace(/^"|"$/g, '')}' is not supported`,
      );
    if (typeof body.patch !== 'string') throw new ApiError('InvalidArgument', 'patch must be a JSON string');
    const { app: current } = findApp(ctx, request);
    let patch: unknown;
    try {
      patch = JSON.parse(body.patch);
    } catch (err) {
      throw new ApiError(
        'InvalidArgument',
        `error decoding ${type || 'json'} patch: ${(err as Error).message}`,
      );
    }
    let next: KubeObject;
    try {
      next =
        type === 'merge'
          ? applyMergePatch<KubeObject>(current, patch)
          : applyJsonPatch<KubeObject>(current, patch);
    } catch (err) {
      throw new ApiError('InvalidArgument', `error applying patch: ${(err as Error).message}`);
    }
    next.metadata = { ...next.metadata, name: current.metadata.name, namespace: current.metadata.namespace };
    return strip(await replace(request, reply, current, next));
  });
}
