// Serves a built UI directory the way the API server must (docs/api.md §12): files by path,
// index.html for every other non-API path so client-side routes load. API requests go to the
// given handler; this is a test stand-in for the parts of the server that are not under test.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export type ApiHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

export async function serveUi(dir: string, api: ApiHandler): Promise<StaticServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path.startsWith('/api/')) {
        let body = '';
        for await (const chunk of req) body += String(chunk);
        api(req, res, body);
        return;
      }
      // A path with an extension is a file (404 if absent); any other path is a client route.
      const asked = normalize(join(dir, path));
      const file = asked.startsWith(dir) && extname(asked) !== '' ? asked : join(dir, 'index.html');
      const data = await readFile(file).catch(() => undefined);
      if (!data) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(data);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
