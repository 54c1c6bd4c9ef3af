/**
 * Applications (docs/api.md §8, §10). Until the controllers land, a server has no source of
 * Applications: the list is empty and the stream sends keep-alives only, so the UI shows its
 * empty state. The follow-up replaces this with routes over the Application watch cache
 * (list filters, paging, the per-subscriber RBAC selector on the hub, the item routes).
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { SseHub } from '../sse/hub.ts';
import { openStream } from '../sse/reply.ts';

export function applicationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const hub = new SseHub<never>({ ...ctx.options.sse, serialize: ctx.serialize });
  ctx.onClose(() => hub.close());

  app.get('/api/v1/applications', () => Promise.resolve({ metadata: { resourceVersion: '0' }, items: [] }));

  app.get('/api/v1/stream/applications', (request, reply) => {
    openStream(request, reply, ctx, hub, { select: () => undefined });
  });
}
