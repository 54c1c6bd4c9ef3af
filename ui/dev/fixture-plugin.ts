// A Vite dev-server plugin that answers docs/api.md from FixtureStore, so the UI can be worked on
// without the real server: `CAPSTAN_UI_FIXTURE=1 npm run dev:ui`, log in as admin/admin.
// A development aid only: never used by tests, and it checks none of what the server must.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { liveObject, makeManaged, makeTree } from './fixture-data.ts';
import { FixtureStore } from './fixture-store.ts';
import { fluxHealth } from '../src/model/health.ts';
import type { FluxObject } from '../src/api/types.ts';

const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const fail = (res: ServerResponse, status: number, code: number, message: string): void =>
  send(res, status, { error: message, code, message });

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function filterApps(store: FixtureStore, q: URLSearchParams) {
  const multi = (k: string) =>
    q
      .getAll(k)
      .flatMap((v) => v.split(','))
      .filter(Boolean);
  const search = (q.get('search') ?? '').toLowerCase();
  return [...store.apps.values()].filter(
    (a) =>
      (!search || `${a.metadata.namespace}/${a.metadata.name}`.includes(search)) &&
      (!multi('health').length || multi('health').includes(a.status?.health?.status ?? '')) &&
      (!multi('sync').length || multi('sync').includes(a.status?.sync?.status ?? '')) &&
      (!multi('projects').length || multi('projects').includes(a.spec.project)),
  );
}

function page<T>(items: T[], q: URLSearchParams, rv: string) {
  const start = Number(q.get('continue') ?? 0);
  const limit = Number(q.get('limit') ?? items.length);
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return {
    metadata: {
      resourceVersion: rv,
      ...(more ? { continue: String(start + limit), remainingItemCount: items.length - start - limit } : {}),
    },
    items: slice,
  };
}

export function fixturePlugin(): Plugin {
  const store = new FixtureStore(Number(process.env['CAPSTAN_UI_FIXTURE_APPS'] ?? 1000));
  return {
    name: 'capstan-dev-fixture',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://fixture');
        if (!url.pathname.startsWith('/api/')) return next();
        void route(store, req, res, url).catch((err: Error) => fail(res, 500, 13, err.message));
      });
    },
  };
}

async function route(
  store: FixtureStore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const p = url.pathname;
  const q = url.searchParams;
  const method = req.method ?? 'GET';
  const loggedIn = (req.headers.cookie ?? '').includes('argocd.token=fixture');
  if (p === '/api/v1/session' && method === 'POST') {
    const b = await body(req);
    if (b['username'] === 'admin' && b['password'] === 'admin')
      return send(
        res,
        200,
        { token: 'fixture' },
        { 'Set-Cookie': 'argocd.token=fixture; Path=/; HttpOnly; SameSite=Strict' },
      );
    return fail(res, 401, 16, 'Invalid username or password');
  }
  if (p === '/api/v1/session' && method === 'DELETE')
    return send(res, 200, { token: '' }, { 'Set-Cookie': 'argocd.token=; Path=/; Max-Age=0' });
  if (p === '/api/v1/session/userinfo')
    return send(
      res,
      200,
      loggedIn ? { loggedIn: true, username: 'admin', iss: 'argocd' } : { loggedIn: false },
    );
  if (p === '/api/v1/settings') return send(res, 200, { fluxEnabled: true, controllerNamespace: 'argocd' });
  if (!loggedIn) return fail(res, 401, 16, 'no session information');

  if (p === '/api/v1/projects')
    return send(res, 200, {
      items: ['default', 'payments', 'search', 'web', 'data', 'infra'].map((name) => ({
        metadata: { name },
      })),
    });
  if (p === '/api/v1/applications') return send(res, 200, page(filterApps(store, q), q, store.nextRv()));
  if (p.startsWith('/api/v1/stream/')) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.write(': connected\n\n');
    const treeOf = /^\/api\/v1\/stream\/applications\/([^/]+)\/resource-tree$/.exec(p);
    if (treeOf) {
      const app = store.apps.get(decodeURIComponent(treeOf[1]!));
      if (app) res.write(`data: ${JSON.stringify({ result: makeTree(app) })}\n\n`);
      return;
    }
    const kind = p.replace('/api/v1/stream/', '').replace('flux/', '');
    const name = q.get('name');
    store.subscribe(kind, res, (o) => !name || o.metadata.name === name);
    return;
  }
  const app = /^\/api\/v1\/applications\/([^/]+)(\/.*)?$/.exec(p);
  if (app) {
    const a = store.apps.get(decodeURIComponent(app[1]!));
    if (!a) return fail(res, 403, 7, 'permission denied');
    const sub = app[2] ?? '';
    if (sub === '' && method === 'GET') return send(res, 200, a);
    if (sub === '' && method === 'DELETE') {
      store.apps.delete(a.metadata.name);
      store.emit('applications', 'DELETED', a);
      return send(res, 200, {});
    }
    if (sub === '/resource-tree') return send(res, 200, makeTree(a));
    if (sub === '/managed-resources') return send(res, 200, { items: makeManaged(a) });
    if (sub === '/resource')
      return send(res, 200, {
        manifest: JSON.stringify(liveObject(a, q.get('kind') ?? '', q.get('resourceName') ?? '')),
      });
    if (sub === '/events')
      return send(res, 200, {
        items: [
          {
            metadata: { name: 'e1', uid: 'e1' },
            involvedObject: { kind: 'Application', name: a.metadata.name },
            type: 'Normal',
            reason: 'OperationCompleted',
            message: 'Sync operation to a3f9c2e succeeded',
            count: 1,
            lastTimestamp: '2026-08-01T10:00:04Z',
          },
        ],
      });
    if (sub.startsWith('/revisions/'))
      return send(res, 200, {
        author: 'Ada Lovelace <ada@example.com>',
        date: '2026-08-01T09:58:00Z',
        message: 'Scale web to 2 replicas\n\nLonger body.',
      });
    if (sub === '/sync' && method === 'POST') {
      const b = await body(req);
      a.status!.operationState = {
        phase: 'Running',
        message: 'one or more tasks are running',
        startedAt: new Date().toISOString(),
        operation: { sync: b, initiatedBy: { username: 'admin' } },
      };
      store.emit('applications', 'MODIFIED', a);
      setTimeout(() => {
        a.status!.operationState = {
          ...a.status!.operationState!,
          phase: 'Succeeded',
          message: 'successfully synced (all tasks run)',
          finishedAt: new Date().toISOString(),
        };
        if (!b['dryRun']) {
          a.status!.sync = { status: 'Synced', revision: a.status!.sync!.revision! };
          for (const r of a.status!.resources ?? []) r.status = 'Synced';
        }
        store.emit('applications', 'MODIFIED', a);
      }, 2500);
      return send(res, 200, a);
    }
    if (sub === '/rollback') return send(res, 200, a);
    if (sub === '/operation') return send(res, 200, {});
  }
  const flux = /^\/api\/v1\/flux\/(kustomizations|gitrepositories)(?:\/([^/]+)\/([^/]+)(\/.*)?)?$/.exec(p);
  if (flux) {
    const map = flux[1] === 'kustomizations' ? store.ks : store.repos;
    const health = q.getAll('health').flatMap((v) => v.split(','));
    const all: FluxObject[] = [...map.values()];
    if (!flux[2])
      return send(
        res,
        200,
        page(
          all.filter((o) => !health.length || health.includes(fluxHealth(o))),
          q,
          store.nextRv(),
        ),
      );
    const o = map.get(decodeURIComponent(flux[3]!));
    if (!o) return fail(res, 404, 5, 'not found');
    const sub = flux[4] ?? '';
    if (sub === '/suspend' || sub === '/resume') {
      o.spec.suspend = sub === '/suspend';
      store.emit(flux[1]!, 'MODIFIED', o);
    }
    if (sub === '/events') return send(res, 200, { items: [] });
    if (sub === '/resource-tree') return send(res, 200, { nodes: [] });
    return send(res, 200, o);
  }
  return fail(res, 404, 5, 'Not Found');
}
