/** What this server adds to Fastify's request and route config types. */
import type { ApiError } from './errors.ts';
import type { Session } from './auth/sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's session, when a valid token came with the request. */
    session: Session | null;
    /** How the token came: `Authorization: Bearer` or the `argocd.token` cookie. */
    credential: 'bearer' | 'cookie' | null;
    /** The raw token, for re-checking a long-lived stream's session. */
    token: string | null;
    /** Why a presented token was refused. */
    authError: ApiError | null;
  }
  interface FastifyContextConfig {
    /** Served without a session (docs/api.md §2). */
    public?: boolean;
  }
}

export {};
