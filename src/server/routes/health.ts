/** `GET /healthz` for probes: `ok`, or 503 with the reason (docs/api.md §6). */
import type { FastifyInstance } from 'fastify';
import { errorMessage } from '../../core/index.ts';
import type { ServerContext } from '../context.ts';

export function healthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/healthz', { config: { public: true } }, async (request, reply) => {
    reply.type('text/plain; charset=utf-8').header('Cache-Control', 'no-store');
    let result;
    try {
      result = await ctx.options.health(request.signal);
    } catch (err) {
      result = { ok: false as const, reason: errorMessage(err) };
    }
    if (result.ok) return 'ok\n';
    return reply.code(503).send(`${result.reason}\n`);
  });
}
