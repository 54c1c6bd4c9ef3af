/**
 * OIDC login (docs/api.md §5), as Argo CD's `/auth/login` and `/auth/callback`: when `argocd-cm`
 * has a usable `oidc.config`, `/auth/login?return_url=/path` sends the browser to the provider
 * (authorization code with PKCE, state and nonce; the state also in a short-lived HttpOnly
 * cookie so that only the browser that started may finish), and the callback verifies the ID
 * token, issues a session (the IdP's `sub`, the group claims `scopes` names) in the session
 * cookie, and returns to `return_url` (same-origin paths only).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CliHandoffs, parseCliRequest } from '../auth/cli-handoff.ts';
import { OidcLogin, groupsFromClaims } from '../auth/oidc-login.ts';
import type { ServerSettings } from '../auth/settings.ts';
import { callSignal } from '../call-signal.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { setSessionCookie } from './session.ts';

const STATE_COOKIE = 'argocd.oauthstate';

/** A path on this server, never another origin (`//evil`, `https://…`, `/\\evil`). */
export function safeReturnUrl(raw: string | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/applications';
  return raw;
}

function configured(s: ServerSettings) {
  if (!s.oidc) throw new ApiError('NotFound', 'SSO is not configured');
  return s.oidc;
}

/** Where the provider sends the browser back: `url` of `argocd-cm`, else this request's origin. */
function redirectUri(s: ServerSettings, request: FastifyRequest): string {
  const base = (s.url ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
  return `${base}/auth/callback`;
}

export function oidcRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const flow = new OidcLogin(ctx.options.now);
  const handoffs = new CliHandoffs(ctx.options.now);

  app.get('/auth/login', { config: { public: true } }, async (request, reply) => {
    const s = await ctx.settings.get(callSignal(reply));
    const config = configured(s);
    const query = request.query as { return_url?: string; cli_port?: string; cli_challenge?: string };
    const returnUrl = safeReturnUrl(query.return_url);
    const cli = parseCliRequest(query);
    const { url, state } = await flow.begin(config, redirectUri(s, request), returnUrl, cli);
    reply.setCookie(STATE_COOKIE, state, {
      path: '/auth/callback',
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level navigation from another site.
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: 300,
    });
    return reply.redirect(url, 303);
  });

  app.get('/auth/callback', { config: { public: true } }, async (request, reply) => {
    const signal = callSignal(reply);
    const s = await ctx.settings.get(signal);
    const config = configured(s);
    reply.clearCookie(STATE_COOKIE, { path: '/auth/callback' });
    const url = new URL(request.url, 'http://callback.invalid');
    let finished;
    try {
      finished = await flow.finish(config, url, request.cookies[STATE_COOKIE]);
      if (s.accounts.has(finished.identity.sub))
        // A provider's user must never become a local account of the same name (`admin`).
        throw new ApiError(
          'PermissionDenied',
          `${config.issuer}: subject "${finished.identity.sub}" is the name of a local account`,
        );
    } catch (err) {
      // A browser is shown the reason on the login page; other clients get the API error.
      if (err instanceof ApiError && (request.headers.accept ?? '').includes('text/html'))
        return reply.redirect(`/login?sso_error=${encodeURIComponent(err.message)}`, 303);
      throw err;
    }
    const { identity, returnUrl, cli } = finished;
    const { token, session } = await ctx.sessions.createSsoSession(
      {
        sub: identity.sub,
        issuer: identity.issuer,
        groups: groupsFromClaims(identity.claims, s.rbacScopes),
        ...(identity.email ? { email: identity.email } : {}),
        ...(identity.expiresAt ? { expiresAt: identity.expiresAt } : {}),
      },
      signal,
    );
    if (cli) {
      // `capstan login --sso`: the CLI collects the token with its secret; the browser gets a code.
      const code = handoffs.offer(token, cli.challenge);
      return reply.redirect(
        `http://localhost:${cli.port}/auth/callback?code=${encodeURIComponent(code)}`,
        303,
      );
    }
    setSessionCookie(request, reply, token, (session.expiresAt ?? 0) - session.issuedAt);
    return reply.redirect(returnUrl, 303);
  });

  // The second half of `capstan login --sso`: the code from the loopback redirect and the
  // verifier of the challenge the CLI started with, for the session token.
  app.post<{ Body: { code?: unknown; verifier?: unknown } | null }>(
    '/auth/cli-token',
    { config: { public: true } },
    (request) => {
      const { code, verifier } = request.body ?? {};
      if (typeof code !== 'string' || typeof verifier !== 'string')
        throw new ApiError('InvalidArgument', 'code and verifier are required');
      return Promise.resolve({ token: handoffs.redeem(code, verifier) });
    },
  );
}
