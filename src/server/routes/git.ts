/**
 * Read-only Git over smart HTTP for the repositories under `ServerOptions.gitRoot` (the demo
 * repository of `capstan up`): `git http-backend` as a CGI, so clone and fetch work as against
 * any Git server and Flux's GitRepository (whose URL must be http(s) or ssh) can point at it.
 * Pushes are refused: http-backend disables receive-pack for unauthenticated users, and only
 * `git-upload-pack` is routed for POST.
 */
import { spawn } from 'node:child_process';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import { pathOf } from '../static/paths.ts';

export function gitRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const root = ctx.options.gitRoot;
  if (root === undefined) return;
  app.addContentTypeParser('application/x-git-upload-pack-request', (_request, payload, done) =>
    done(null, payload),
  );

  const cgi = (method: 'GET' | 'POST') => async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request.url).slice('/git'.length);
    if (path.includes('..')) return reply.code(404).send('Not Found\n');
    const q = request.url.indexOf('?');
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: root,
        REQUEST_METHOD: method,
        PATH_INFO: decodeURIComponent(path),
        QUERY_STRING: q < 0 ? '' : request.url.slice(q + 1),
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        ...(request.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: request.headers['content-encoding'] }
          : {}),
        ...(request.headers['git-protocol'] ? { GIT_PROTOCOL: String(request.headers['git-protocol']) } : {}),
        REMOTE_ADDR: request.ip,
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    // The response's close, not the request's: a request closes once its body is read.
    reply.raw.on('close', () => child.kill());
    if (method === 'POST') (request.body as NodeJS.ReadableStream).pipe(child.stdin);
    else child.stdin.end();
    // CGI output: headers up to a blank line, then the body, streamed as it comes.
    let head = Buffer.alloc(0);
    let started = false;
    reply.hijack();
    const res = reply.raw;
    child.stdout.on('data', (chunk: Buffer) => {
      if (started) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      started = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    child.on('close', () => {
      if (!started && !res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end();
    });
  };
  app.get('/git/*', cgi('GET'));
  app.post('/git/*', async (request, reply) => {
    if (!pathOf(request.url).endsWith('/git-upload-pack')) return reply.code(403).send('read-only\n');
    return cgi('POST')(request, reply);
  });
}
