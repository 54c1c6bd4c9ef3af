/** `GET /api/version`: the version for anyone, the build details for a session (docs/api.md §6). */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';

export function versionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/version', { config: { public: true } }, (request) => {
    const v = ctx.options.version;
    return Promise.resolve(request.session ? { ...v } : { Version: v.Version });
  });
}
