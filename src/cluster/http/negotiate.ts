import { notAcceptable } from '../errors.ts';

/** What a response is encoded as, chosen from the request's Accept header. */
export type Target =
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'table'; version: 'v1' | 'v1beta1'; contentType: string }
  | { kind: 'partial'; version: 'v1' | 'v1beta1'; list: boolean; contentType: string }
  | { kind: 'discovery'; version: 'v2' | 'v2beta1'; contentType: string };

export interface Allowed {
  table?: boolean;
  partial?: boolean;
  discovery?: boolean;
}

interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
}

/**
 * Picks the first acceptable media type in the client's preference order. client-go lists the
 * special forms (`as=Table`, `as=APIGroupDiscoveryList`) first with plain JSON as the fallback,
 * so honouring the order is what makes old and new clients each get what they can read.
 */
export function negotiate(accept: string | undefined, allowed: Allowed = {}): Target {
  if (!accept || accept.trim() === '') return { kind: 'json' };
  const ranges = parseAccept(accept);
  for (const r of ranges) {
    const as = r.params['as'];
    if (as) {
      if (r.type !== 'application/json') continue;
      const g = r.params['g'];
      const v = r.params['v'];
      if (as === 'Table' && allowed.table && g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) {
        return { kind: 'table', version: v, contentType: `application/json;as=Table;v=${v};g=meta.k8s.io` };
      }
      if (
        (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') &&
        allowed.partial &&
        g === 'meta.k8s.io' &&
        (v === 'v1' || v === 'v1beta1')
      ) {
        return {
          kind: 'partial',
          version: v,
          list: as === 'PartialObjectMetadataList',
          contentType: `application/json;as=${as};v=${v};g=meta.k8s.io`,
        };
      }
      if (
        as === 'APIGroupDiscoveryList' &&
        allowed.discovery &&
        g === 'apidiscovery.k8s.io' &&
        (v === 'v2' || v === 'v2beta1')
      ) {
        return {
          kind: 'discovery',
          version: v,
          contentType: `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`,
        };
      }
      continue;
    }
    if (r.type === 'application/json' || r.type === 'application/*' || r.type === '*/*' || r.type === '*')
      return { kind: 'json' };
    if (r.type === 'application/yaml') return { kind: 'yaml' };
  }
  throw notAcceptable(
    'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
  );
}

function parseAccept(accept: string): MediaRange[] {
  const ranges = accept.split(',').map((part, index) => {
    const [type = '', ...rawParams] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq > 0)
        params[p.slice(0, eq).trim().toLowerCase()] = p
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, '');
    }
    const q = params['q'] === undefined ? 1 : Number(params['q']);
    return { type: type.toLowerCase(), params, q: Number.isNaN(q) ? 1 : q, index };
  });
  return ranges.filter((r) => r.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
}
