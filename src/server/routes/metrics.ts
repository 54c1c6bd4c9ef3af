/** `GET /metrics`: Prometheus text format; needs a session (an API token) but no RBAC action. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';

export function metricsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/metrics', async (_request, reply) => {
    const body = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).header('Cache-Control', 'no-store').send(body);
  });
}
