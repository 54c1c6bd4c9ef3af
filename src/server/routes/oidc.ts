/**
 * OIDC login (`/auth/login`, `/auth/callback`) is not built yet: it needs an identity provider
 * to test against. With `oidc.config` set these routes say so (501); without it, that SSO is not
 * configured (404). `/api/v1/settings` offers no SSO button meanwhile.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';

export function oidcRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const handler = async (request: { signal: AbortSignal }) => {
    const s = await ctx.settings.get(request.signal);
    if (!s.oidcConfigured) throw new ApiError('NotFound', 'SSO is not configured');
    throw new ApiError(
      'Unimplemented',
      'OIDC login is not available in this version of Capstan; log in with a local account',
    );
  };
  app.get('/auth/login', { config: { public: true } }, handler);
  app.get('/auth/callback', { config: { public: true } }, handler);
}
