/**
 * Finding an Application for a request with Argo CD's rule (docs/api.md §4): one the caller may
 * not `get` looks exactly like a missing one (403), unless `?project=` names a project the caller
 * may read, where a missing app is 404.
 */
import type { FastifyRequest } from 'fastify';
import type { KubeObject } from '../../core/index.ts';
import type { ClusterView } from '../cluster-view.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, permissionDenied } from '../errors.ts';
import { applicationObject } from '../rbac/authorizer.ts';
import { subjectOf } from '../routes/subject.ts';
import { one, type Query } from '../query/params.ts';
import { projectOfApp } from './filter.ts';

export function requireKube(ctx: ServerContext): ClusterView {
  const kube = ctx.options.kube;
  if (!kube) throw new ApiError('Unavailable', 'this server is not connected to a Kubernetes API');
  return kube;
}

export function appRbacObject(ctx: ServerContext, app: KubeObject): string {
  return applicationObject(
    projectOfApp(app),
    app.metadata.namespace ?? '',
    app.metadata.name ?? '',
    ctx.options.controlNamespace,
  );
}

export function canGetApp(ctx: ServerContext, request: FastifyRequest, app: KubeObject): boolean {
  return ctx.authorizer.enforce(subjectOf(request), 'applications', 'get', appRbacObject(ctx, app));
}

export interface FoundApp {
  app: KubeObject;
  namespace: string;
  name: string;
  object: string;
}

/** The Application named by the path, after `get` (and then `action`, when given) is allowed. */
export function findApp(
  ctx: ServerContext,
  request: FastifyRequest<{ Params: { name: string } }>,
  action?: string,
): FoundApp {
  const kube = requireKube(ctx);
  const query = request.query as Query;
  const body = (request.body ?? {}) as { appNamespace?: unknown };
  const namespace =
    one(query, 'appNamespace') ||
    (typeof body.appNamespace === 'string' && body.appNamespace) ||
    ctx.options.controlNamespace;
  const name = request.params.name;
  const subject = subjectOf(request);
  const app = kube.cache.get({ group: 'argoproj.io', kind: 'Application', namespace, name });
  const object = app ? appRbacObject(ctx, app) : undefined;
  if (!app || !ctx.authorizer.enforce(subject, 'applications', 'get', object!)) {
    const project = one(query, 'project');
    if (!app && project && ctx.authorizer.enforce(subject, 'applications', 'get', `${project}/${name}`))
      throw new ApiError('NotFound', `applications.argoproj.io "${name}" not found`);
    throw permissionDenied('applications', 'get', object ?? `*/${name}`, '');
  }
  if (action) ctx.authorizer.check(subject, 'applications', action, object!);
  return { app, namespace, name, object: object! };
}
