/**
 * One SSE route over one kind of the watch cache (docs/api.md §10): each subscriber first gets
 * `ADDED` for every object it may see (or, with `resourceVersion`, only those changed since),
 * then every change, with its filters and RBAC applied per event. A subscriber remembers what it
 * was shown, so an object that stops matching (or is deleted) gets one `DELETED`, and one that
 * starts matching an `ADDED`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { KubeObject } from '../../core/index.ts';
import type { ObjectChange } from '../cluster-view.ts';
import type { ServerContext } from '../context.ts';
import { SseHub } from '../sse/hub.ts';
import { openStream } from '../sse/reply.ts';
import { byNameThenNamespace, strip } from './page.ts';
import { one, type Query } from './params.ts';

export interface ObjectStreamRoute {
  path: string;
  /** `group/Kind` of the objects streamed. */
  groupKind: (request: FastifyRequest) => string;
  /** All group/kinds any request of the route may ask for (the hub listens to these). */
  groupKinds: readonly string[];
  /** Key of the object in the event: `application` or `object`. */
  key: string;
  /** The request's filters (throws 400 on bad ones before the stream starts). */
  filter: (request: FastifyRequest) => (obj: KubeObject) => boolean;
  /** Whether the caller may `get` it. */
  canGet: (request: FastifyRequest, obj: KubeObject) => boolean;
}

const groupKindOf = (o: KubeObject) => {
  const slash = o.apiVersion.indexOf('/');
  return slash < 0 ? o.kind : `${o.apiVersion.slice(0, slash)}/${o.kind}`;
};
const idOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

export function objectStreamRoute(app: FastifyInstance, ctx: ServerContext, route: ObjectStreamRoute): void {
  const hub = new SseHub<ObjectChange>({ ...ctx.options.sse, serialize: ctx.serialize });
  ctx.onClose(() => hub.close());
  const kube = ctx.options.kube;
  if (kube) {
    const kinds = new Set(route.groupKinds);
    const unsubscribe = kube.cache.subscribe({}, (change) => {
      if (kinds.has(groupKindOf(change.object))) hub.publish(change);
    });
    ctx.onClose(unsubscribe);
  }

  app.get(route.path, (request, reply) => {
    const groupKind = route.groupKind(request);
    const matches = route.filter(request);
    const visible = (o: KubeObject) => matches(o) && route.canGet(request, o);
    const shown = new Set<string>();
    const event = (type: string, o: KubeObject) => ({ type, [route.key]: strip(o) });
    const sinceText = one(request.query as Query, 'resourceVersion');
    const since = sinceText === undefined ? undefined : Number(sinceText) || 0;
    const initial = (kube?.cache.list({ groupKind }) ?? []).filter(visible).sort(byNameThenNamespace);
    for (const o of initial) shown.add(idOf(o));
    const stream = openStream(request, reply, ctx, hub, {
      select: (change) => {
        if (groupKindOf(change.object) !== groupKind) return undefined;
        const id = idOf(change.object);
        const was = shown.has(id);
        if (change.type === 'deleted') {
          if (!was) return undefined;
          shown.delete(id);
          return event('DELETED', change.object);
        }
        if (visible(change.object)) {
          shown.add(id);
          return event(was ? 'MODIFIED' : 'ADDED', change.object);
        }
        if (!was) return undefined;
        shown.delete(id);
        return event('DELETED', change.object);
      },
    });
    // The initial state goes to this subscriber only.
    for (const o of initial) {
      if (since !== undefined && Number(o.metadata.resourceVersion ?? 0) <= since) continue;
      stream.send(event(since === undefined ? 'ADDED' : 'MODIFIED', o));
    }
  });
}
