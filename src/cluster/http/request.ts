/** A request for a resource, parsed from its URL as kube-apiserver's RequestInfo does. */
export interface ResourceRequest {
  group: string;
  version: string;
  /** The namespace in the URL, if any. */
  namespace: string | undefined;
  resource: string;
  name: string | undefined;
  subresource: string | undefined;
  /** The legacy `/watch/` path prefix was used. */
  watchPath: boolean;
}

/** A namespace's own subresources (`/api/v1/namespaces/x/status`), not a namespaced collection. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/**
 * Splits `/api/v1/…` and `/apis/<group>/<version>/…` into group, version, namespace, resource,
 * name and subresource. Returns undefined for any other path, and `{resource: ''}` for the
 * group/version itself (its discovery document).
 */
export function parseResourcePath(segments: string[]): ResourceRequest | undefined {
  let rest: string[];
  let group: string;
  let version: string;
  if (segments[0] === 'api' && segments.length >= 2) {
    group = '';
    version = segments[1]!;
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    group = segments[1]!;
    version = segments[2]!;
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (
    rest[0] === 'namespaces' &&
    rest.length > 1 &&
    !(rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2]!))
  ) {
    if (rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  if (rest.length > 3) return undefined;
  return {
    group,
    version,
    namespace,
    resource: rest[0] ?? '',
    name: rest[1],
    subresource: rest[2],
    watchPath,
  };
}

/** The path split into decoded segments (empty segments dropped), and the query. */
export function splitUrl(url: string): { segments: string[]; query: URLSearchParams } {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (s.includes('%') ? safeDecode(s) : s));
  return { segments, query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
