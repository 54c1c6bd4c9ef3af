/**
 * Authentication (docs/api.md §2): a Bearer header, else the `argocd.token` cookie; the header
 * wins when both come. An expired, revoked or badly signed token counts as none. Routes marked
 * `public` and the static UI are served without a session; every other path, known or not,
 * answers 401 (so the API's shape is not probed anonymously).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import { ApiError, NO_SESSION } from '../errors.ts';
import { isUiPath } from '../static/paths.ts';

export const SESSION_COOKIE = 'argocd.token';

export function registerAuthentication(app: FastifyInstance, ctx: ServerContext): void {
  app.decorateRequest('session', null);
  app.decorateRequest('credential', null);
  app.decorateRequest('token', null);
  app.decorateRequest('authError', null);

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    const cookie = request.cookies[SESSION_COOKIE];
    const token = bearer ?? (cookie ? cookie : undefined);
    if (token === undefined) return;
    request.credential = bearer !== undefined ? 'bearer' : 'cookie';
    request.token = token;
    try {
      request.session = await ctx.sessions.verify(token, request.signal);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      request.authError = err;
    }
  });
}

/** The 401 for protected routes; registered after the CSRF check. */
export function registerSessionRequirement(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    // Unknown paths are answered by the not-found handler (405 beats 401 there).
    if (request.session || request.is404 || isPublic(request)) done();
    else done(request.authError ?? new ApiError('Unauthenticated', NO_SESSION));
  });
}

export function isPublic(request: FastifyRequest): boolean {
  return request.routeOptions.config.public === true || isUiPath(request.url);
}
