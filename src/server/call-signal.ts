/**
 * The lifetime of one API call, for the Kubernetes requests it makes. Not `request.signal`: Node
 * closes an IncomingMessage once its body has been read, so for a POST with a body that signal
 * fires before the handler's first await. This one fires when the client goes away before the
 * response is finished, or after a minute.
 */
import type { FastifyReply } from 'fastify';

export function callSignal(reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) gone.abort(new Error('the client closed the connection'));
  });
  return AbortSignal.any([gone.signal, AbortSignal.timeout(60_000)]);
}
