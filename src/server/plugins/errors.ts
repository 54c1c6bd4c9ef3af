/**
 * Every error leaves as Argo CD's error body (docs/api.md §3). `ApiError`s keep their code and
 * status; Fastify's own client errors (malformed JSON, a body over the limit, an unsupported
 * content type) get the contract's codes; anything else is a 500 whose message never carries
 * the cause (it goes to the log with the request id). Unknown `/api/` paths are 404, known paths
 * with the wrong method 405; unknown UI paths are the UI's business (static/ui.ts).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import { ApiError, errorBody, NO_SESSION } from '../errors.ts';
import { isUiPath, pathOf } from '../static/paths.ts';

export type UiFallback = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export function registerErrors(
  app: FastifyInstance,
  ctx: ServerContext,
  uiFallback: UiFallback | undefined,
): void {
  const routes: { method: string; pattern: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const pattern = new RegExp(
      `^${route.url
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/:[^/]+/g, '[^/]+')
        .replace(/\*/g, '.*')}$`,
    );
    // The UI's catch-all is no evidence that a path exists with another method.
    if (route.url === '/*') return;
    for (const method of methods) routes.push({ method, pattern });
  });

  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    const e = toApiError(err);
    if (e.status >= 500)
      ctx.options.log.error('request failed', { reqId: request.id, url: pathOf(request.url), err });
    return reply.code(e.status).headers(e.headers).send(errorBody(e.grpcCode, e.message));
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (uiFallback && isUiPath(request.url) && (request.method === 'GET' || request.method === 'HEAD')) {
      return uiFallback(request, reply);
    }
    const path = pathOf(request.url);
    const other = routes.some(
      (r) => r.method !== request.method && r.method !== 'HEAD' && r.pattern.test(path),
    );
    if (other && !isUiPath(path)) throw new ApiError('Unimplemented', 'Method Not Allowed', { status: 405 });
    // Without a session, nothing tells whether a path exists.
    if (!request.session && !isUiPath(path))
      throw request.authError ?? new ApiError('Unauthenticated', NO_SESSION);
    throw new ApiError('NotFound', 'Not Found');
  });
}

function toApiError(err: FastifyError | ApiError): ApiError {
  if (err instanceof ApiError) return err;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('ResourceExhausted', 'request body is too large', { status: 413 });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('InvalidArgument', `unsupported Content-Type: send application/json`, {
        status: 415,
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('InvalidArgument', 'the request body is empty; send a JSON object');
  }
  if (err.statusCode === 400 || err instanceof SyntaxError) {
    return new ApiError('InvalidArgument', `malformed request: ${err.message}`);
  }
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    return new ApiError('InvalidArgument', err.message, { status: err.statusCode });
  }
  return new ApiError('Internal', 'internal error', { cause: err });
}
