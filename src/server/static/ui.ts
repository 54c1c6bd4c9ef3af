/**
 * The web UI from `ui/dist` (docs/api.md §12): files by path; every other UI path gets
 * `index.html` so client-side routes (`/applications/argocd/web`) load. Vite's hashed bundles
 * under `/assets/` are cached for a year and immutable; `index.html` and the unhashed files
 * (`/theme-init.js`, the icon) are `no-cache`, so a new build is picked up at the next load. A
 * missing hashed asset is a 404, never `index.html` (a browser would run HTML as a script).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { UiFallback } from '../plugins/errors.ts';
import { pathOf } from './paths.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

export async function registerUi(app: FastifyInstance, uiDir: string | undefined): Promise<UiFallback> {
  if (uiDir === undefined || !existsSync(join(uiDir, 'index.html'))) {
    const reason =
      uiDir === undefined
        ? 'This server serves no web UI.'
        : `The web UI is not built (no ${join(uiDir, 'index.html')}): run \`npm run build:ui\`.`;
    return async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(reason + '\n');
  }
  await app.register(fastifyStatic, {
    root: uiDir,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    redirect: false,
    serveDotFiles: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('Cache-Control', path.startsWith(join(uiDir, 'assets')) ? IMMUTABLE : NO_CACHE);
    },
  });
  return async (request, reply) => {
    if (pathOf(request.url).startsWith('/assets/')) {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .header('Cache-Control', NO_CACHE)
        .send('Not Found\n');
    }
    return reply.header('Cache-Control', NO_CACHE).sendFile('index.html');
  };
}
