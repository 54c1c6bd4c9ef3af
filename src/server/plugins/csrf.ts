/**
 * CSRF protection for cookie sessions (docs/api.md §2). A request authenticated by the cookie
 * whose method can change something must carry `X-Requested-With` and, with a body,
 * `Content-Type: application/json`: both make a cross-site request non-simple, so the browser
 * must ask first, and this server approves no CORS preflight. Bearer requests are exempt (a
 * browser never adds that header by itself). Login needs the JSON type in any case, so a form
 * on another site cannot log a victim into the attacker's account.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const LOGIN_PATH = '/api/v1/session';

export function registerCsrf(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => done(csrfError(request)));
}

function csrfError(request: FastifyRequest): ApiError | undefined {
  if (SAFE.has(request.method)) return undefined;
  const isLogin = request.method === 'POST' && request.url.split('?')[0] === LOGIN_PATH;
  const cookieSession = request.credential === 'cookie' && request.session !== null;
  if (cookieSession && !request.headers['x-requested-with']) {
    return csrf('X-Requested-With header required for cookie-authenticated requests');
  }
  if ((cookieSession || isLogin) && hasBody(request) && !isJson(request)) {
    return csrf(
      `Content-Type application/json required for ${isLogin ? 'login' : 'cookie-authenticated'} requests`,
    );
  }
  return undefined;
}

function csrf(reason: string): ApiError {
  return new ApiError('PermissionDenied', `CSRF check failed: ${reason}`);
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return /^application\/json\s*(;|$)/i.test(type);
}
