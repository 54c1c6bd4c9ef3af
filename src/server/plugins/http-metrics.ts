/** Counts requests by method, route pattern (never the raw path: bounded labels) and status. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';

export function registerHttpMetrics(app: FastifyInstance, ctx: ServerContext): void {
  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.httpRequestsTotal.inc({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    });
  });
}
