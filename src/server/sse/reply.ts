/**
 * Turns a request into an SSE stream on a hub. The session that opened the stream is checked
 * again at every ping (revocation) and the stream ends by itself when the token expires.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import type { SseHub, SubscribeOptions } from './hub.ts';
import type { SseStream } from './stream.ts';

export function openStream<E>(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: ServerContext,
  hub: SseHub<E>,
  options: Pick<SubscribeOptions<E>, 'select' | 'onClose'>,
): SseStream {
  const token = request.token;
  const expiresAt = request.session?.expiresAt;
  reply.hijack();
  return hub.subscribe(reply.raw, {
    ...options,
    ...(token !== null
      ? {
          sessionValid: () =>
            ctx.sessions.verify(token, AbortSignal.timeout(10_000)).then(
              () => true,
              () => false,
            ),
        }
      : {}),
    ...(expiresAt !== undefined ? { sessionExpiresAt: expiresAt * 1000 } : {}),
  });
}
