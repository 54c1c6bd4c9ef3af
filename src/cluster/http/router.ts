import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { methodNotAllowed, pathNotFound, unauthorized } from '../errors.ts';
import type { Subresource } from '../admission/types.ts';
import type { Call, HttpDeps } from './context.ts';
import {
  handleGroupDiscovery,
  handleHealth,
  handleOpenApi,
  handleRootDiscovery,
  handleVersion,
} from './handlers/discovery.ts';
import { handlePatch, handlePatchScale } from './handlers/patch.ts';
import { handleGet, handleList } from './handlers/read.ts';
import { handleGetScale, handlePutScale } from './handlers/scale.ts';
import { handleWatch } from './handlers/watch.ts';
import { handleCreate, handleDelete, handleDeleteCollection, handleUpdate } from './handlers/write.ts';
import { parseResourcePath, splitUrl } from './request.ts';
import { sendError } from './respond.ts';

const HEALTH = new Set(['healthz', 'livez', 'readyz']);

/** The request handler: public endpoints, then bearer-token auth, then discovery and resources. */
export function createRequestHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const expected = Buffer.from(`Bearer ${deps.token}`);
  const authorized = (req: IncomingMessage): boolean => {
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  return (req, res) => {
    let result: void | Promise<void>;
    try {
      result = route(deps, req, res, authorized);
    } catch (err) {
      sendError(req, res, err, (e) =>
        deps.log.error('request failed', { method: req.method, url: req.url, error: e }),
      );
      return;
    }
    if (result) {
      result.catch((err: unknown) =>
        sendError(req, res, err, (e) =>
          deps.log.error('request failed', { method: req.method, url: req.url, error: e }),
        ),
      );
    }
  };
}

function route(
  deps: HttpDeps,
  req: IncomingMessage,
  res: ServerResponse,
  authorized: (req: IncomingMessage) => boolean,
): void | Promise<void> {
  const { segments, query } = splitUrl(req.url ?? '/');
  const first = segments[0] ?? '';
  // Anonymous, as on a real cluster (system:public-info-viewer): health and version. kubectl's
  // version dispatcher asks /version without credentials.
  if (req.method === 'GET' && HEALTH.has(first)) return handleHealth(res, query.has('verbose'), first);
  if (req.method === 'GET' && first === 'version' && segments.length === 1) return handleVersion(res);
  if (!authorized(req)) throw unauthorized();

  if (first === 'openapi') {
    if (segments[1] === 'v3' && req.method === 'GET') return handleOpenApi(deps, res, segments, query);
    throw pathNotFound();
  }
  if ((first === 'api' || first === 'apis') && req.method === 'GET') {
    if (segments.length === 1) return handleRootDiscovery(deps, req, res, first === 'api');
    if (first === 'apis' && segments.length === 2) return handleGroupDiscovery(deps, req, res, segments[1]!);
  }
  const path = parseResourcePath(segments);
  if (!path) throw pathNotFound();
  if (path.resource === '') {
    if (req.method !== 'GET') throw methodNotAllowed();
    return handleGroupDiscovery(deps, req, res, path.group, path.version);
  }
  const info = deps.state.registry.byResource(path.group, path.version, path.resource);
  if (!info) throw pathNotFound();
  // A namespaced type is addressed under /namespaces/<ns>/ (a cluster-wide list aside); a
  // cluster-scoped one never is.
  if (!info.namespaced && path.namespace !== undefined) throw pathNotFound();
  if (info.namespaced && path.namespace === undefined && (path.name !== undefined || req.method !== 'GET')) {
    throw pathNotFound();
  }
  const call: Call = { deps, req, res, query, path, info, namespace: path.namespace ?? '' };
  return dispatch(call);
}

function dispatch(call: Call): void | Promise<void> {
  const { req, path, info } = call;
  const method = req.method ?? 'GET';
  if (path.name === undefined) {
    if (method === 'GET') {
      const watch = path.watchPath || call.query.get('watch') === 'true' || call.query.get('watch') === '1';
      if (!info.verbs.includes(watch ? 'watch' : 'list')) throw methodNotAllowed();
      return watch ? handleWatch(call) : handleList(call);
    }
    if (method === 'POST') return handleCreate(call);
    if (method === 'DELETE') return handleDeleteCollection(call);
    throw methodNotAllowed();
  }
  const sub = path.subresource ?? '';
  if (sub === '') {
    if (method === 'GET') {
      if (!info.verbs.includes('get')) throw methodNotAllowed();
      return handleGet(call);
    }
    if (method === 'PUT') return handleUpdate(call, '');
    if (method === 'PATCH') return handlePatch(call, '');
    if (method === 'DELETE') return handleDelete(call);
    throw methodNotAllowed();
  }
  if (sub === 'status' && info.subresources.status) return statusRoute(call, method, 'status');
  if (sub === 'scale' && info.subresources.scale) {
    if (method === 'GET') return handleGetScale(call);
    if (method === 'PUT') return handlePutScale(call);
    if (method === 'PATCH') return handlePatchScale(call);
    throw methodNotAllowed();
  }
  if (sub === 'finalize' && info.group === '' && info.kind === 'Namespace') {
    if (method === 'PUT') return handleUpdate(call, 'finalize');
    throw methodNotAllowed();
  }
  throw pathNotFound();
}

function statusRoute(call: Call, method: string, sub: Subresource): void | Promise<void> {
  if (method === 'GET') return handleGet(call);
  if (method === 'PUT') return handleUpdate(call, sub);
  if (method === 'PATCH') return handlePatch(call, sub);
  throw methodNotAllowed();
}
