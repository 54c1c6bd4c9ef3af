/**
 * `GET /api/v1/stream/applications/{name}/resource-tree` (docs/api.md §10): the current tree
 * first, then the whole tree again whenever the cluster changed and the tree with it, at most
 * once a second per stream.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { SseHub } from '../sse/hub.ts';
import { openStream } from '../sse/reply.ts';
import { findApp, requireKube } from './access.ts';

const MIN_INTERVAL_MS = 1000;

export function treeStreamRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const hub = new SseHub<never>({ ...ctx.options.sse, serialize: ctx.serialize });
  ctx.onClose(() => hub.close());

  app.get<{ Params: { name: string } }>(
    '/api/v1/stream/applications/:name/resource-tree',
    async (request, reply) => {
      const { namespace, name } = findApp(ctx, request);
      const queries = ctx.options.argocd();
      if (!queries) throw new ApiError('Unavailable', 'the Argo CD controller is not running');
      const kube = requireKube(ctx);
      const first = await queries.resourceTree(namespace, name);
      let last = JSON.stringify(first ?? null);
      let timer: NodeJS.Timeout | undefined;
      let lastSent = Date.now();
      let closed = false;
      let unsubscribe = () => undefined as void;
      const stream = openStream(request, reply, ctx, hub, {
        select: () => undefined,
        onClose: () => {
          closed = true;
          clearTimeout(timer);
          unsubscribe();
        },
      });
      stream.send(first ?? { nodes: [], orphanedNodes: [], hosts: [] });
      const push = async () => {
        timer = undefined;
        lastSent = Date.now();
        const tree = await queries.resourceTree(namespace, name).catch(() => undefined);
        const text = JSON.stringify(tree ?? null);
        if (!closed && tree && text !== last) {
          last = text;
          stream.send(tree);
        }
      };
      // Any change may touch the tree (a Pod of a ReplicaSet of the app); the diff above drops
      // the ones that did not.
      unsubscribe = kube.cache.subscribe({}, () => {
        if (timer || closed) return;
        timer = setTimeout(() => void push(), Math.max(0, lastSent + MIN_INTERVAL_MS - Date.now()));
      });
      if (closed) unsubscribe();
    },
  );
}
