import type { IncomingMessage, ServerResponse } from 'node:http';
import { aggregatedDiscovery } from '../../discovery/aggregated.ts';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from '../../discovery/legacy.ts';
import { versionInfo } from '../../discovery/version.ts';
import { pathNotFound } from '../../errors.ts';
import type { HttpDeps } from '../context.ts';
import { negotiate } from '../negotiate.ts';
import { sendJson, sendValue } from '../respond.ts';

/** `/api` and `/apis`: aggregated discovery when the Accept header asks for it, legacy otherwise. */
export function handleRootDiscovery(
  deps: HttpDeps,
  req: IncomingMessage,
  res: ServerResponse,
  core: boolean,
): void {
  const target = negotiate(req.headers.accept, { discovery: true });
  if (target.kind === 'discovery') {
    return sendValue(res, 200, aggregatedDiscovery(deps.state.registry, core, target.version), target);
  }
  sendValue(res, 200, core ? apiVersions(deps.serverAddress) : apiGroupList(deps.state.registry), target);
}

/** `/apis/<group>` and `/api/v1`, `/apis/<group>/<version>`. */
export function handleGroupDiscovery(
  deps: HttpDeps,
  req: IncomingMessage,
  res: ServerResponse,
  group: string,
  version?: string,
): void {
  const target = negotiate(req.headers.accept);
  const doc =
    version === undefined
      ? apiGroup(deps.state.registry, group)
      : apiResourceList(deps.state.registry, group, version);
  if (!doc) throw pathNotFound();
  sendValue(res, 200, doc, target);
}

export function handleVersion(res: ServerResponse): void {
  sendJson(res, 200, JSON.stringify(versionInfo(), null, 2));
}

/** `/openapi/v3` and `/openapi/v3/<gv>?hash=…` (a stale hash redirects to the current one). */
export function handleOpenApi(
  deps: HttpDeps,
  res: ServerResponse,
  segments: string[],
  query: URLSearchParams,
): void {
  if (segments.length === 2) return sendJson(res, 200, deps.openapi.index());
  const path = segments.slice(2).join('/');
  const doc = deps.openapi.document(path);
  if (!doc) throw pathNotFound();
  const hash = query.get('hash');
  if (hash && hash !== doc.hash) {
    res.writeHead(301, { Location: `/openapi/v3/${path}?hash=${doc.hash}` });
    res.end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(doc.json)),
    ETag: `"${doc.hash}"`,
    'Cache-Control': hash ? 'public, immutable' : 'no-cache, private',
  });
  res.end(doc.json);
}

/** `/healthz`, `/livez`, `/readyz` (and their `/ping`-style sub-checks). */
export function handleHealth(res: ServerResponse, verbose: boolean, name: string): void {
  const body = verbose ? `[+]ping ok\n[+]etcd ok\n${name} check passed\n` : 'ok';
  res.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}
