/**
 * Login, logout and "who am I" (docs/api.md §5), after Argo CD's SessionService. Login sets the
 * `argocd.token` cookie (HttpOnly, SameSite=Strict, Secure over TLS) for the UI and returns the
 * token for the CLI; logout revokes the presented token and clears the cookie.
 */
import { callSignal } from '../call-signal.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { SESSION_COOKIE } from '../plugins/authn.ts';

interface LoginBody {
  username?: unknown;
  password?: unknown;
}

export function sessionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: LoginBody | null }>(
    '/api/v1/session',
    { config: { public: true } },
    async (request, reply) => {
      const body = request.body;
      if (typeof body !== 'object' || body === null)
        throw new ApiError('InvalidArgument', 'username is required');
      const username = typeof body.username === 'string' ? body.username : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const { token, session } = await ctx.sessions.login(username, password, callSignal(reply));
      const maxAge = (session.expiresAt ?? 0) - session.issuedAt;
      setSessionCookie(request, reply, token, maxAge);
      return { token };
    },
  );

  app.delete('/api/v1/session', { config: { public: true } }, async (request, reply) => {
    if (request.session) await ctx.sessions.revoke(request.session, callSignal(reply));
    setSessionCookie(request, reply, '', 0);
    return { token: '' };
  });

  app.get('/api/v1/session/userinfo', { config: { public: true } }, (request) => {
    const s = request.session;
    if (!s) return Promise.resolve({ loggedIn: false });
    return Promise.resolve({ loggedIn: true, username: s.subject, iss: s.iss, groups: s.groups });
  });
}

/** The session cookie the UI is authenticated by (also set by the OIDC callback). */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAge: number,
): void {
  reply.setCookie(SESSION_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge,
  });
}
