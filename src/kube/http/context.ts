/**
 * What every verb needs: the transport, the REST mapper, and the client's lifetime signal. Also
 * resolves an object key to its resource, path and the subject error messages start with.
 */
import { formatRef, parseApiVersion, type GroupVersionKind } from '../../core/index.ts';
import type { ApiResource, ObjectKey } from '../client.ts';
import { apiError, NoKindMatchError } from './errors.ts';
import type { HttpDiscovery } from './discovery.ts';
import { resourcePath } from './paths.ts';
import type { Transport } from './transport.ts';

export interface HttpContext {
  transport: Transport;
  discovery: HttpDiscovery;
  /** Fires when the client is closed: every call and watch ends. */
  lifetime: AbortSignal;
}

/** The call's signal joined with the client's lifetime. */
export function callSignal(ctx: HttpContext, signal: AbortSignal): AbortSignal {
  return AbortSignal.any([signal, ctx.lifetime]);
}

export function gvkOf(apiVersion: string, kind: string): GroupVersionKind {
  return { ...parseApiVersion(apiVersion), kind };
}

export async function resourceOf(
  ctx: HttpContext,
  apiVersion: string,
  kind: string,
  signal: AbortSignal,
): Promise<ApiResource> {
  const r = await ctx.discovery.resourceFor(gvkOf(apiVersion, kind), { signal });
  if (!r) throw new NoKindMatchError(apiVersion, kind);
  return r;
}

export interface Target {
  resource: ApiResource;
  /** `Kind/ns/name` (no namespace for cluster-scoped kinds). */
  subject: string;
  /** The object's own path. */
  path: string;
  namespace: string | undefined;
}

/** Resolves a key; a namespaced kind without a namespace is refused before any request. */
export async function targetOf(
  ctx: HttpContext,
  key: ObjectKey,
  verb: string,
  signal: AbortSignal,
  subresource?: string,
): Promise<Target> {
  const resource = await resourceOf(ctx, key.apiVersion, key.kind, signal);
  const namespace = resource.namespaced ? key.namespace || undefined : undefined;
  const subject = formatRef({ kind: key.kind, namespace, name: key.name });
  if (resource.namespaced && !namespace) {
    throw apiError(subject, verb, {
      code: 400,
      reason: 'BadRequest',
      message: `${key.kind} is namespaced: a namespace is required`,
      causes: [],
    });
  }
  if (!key.name) {
    throw apiError(subject, verb, {
      code: 400,
      reason: 'BadRequest',
      message: 'a name is required',
      causes: [],
    });
  }
  return { resource, subject, namespace, path: resourcePath(resource, namespace, key.name, subresource) };
}

/** `Deployment (apps/v1) in shop`: the subject of list and watch errors. */
export function kindSubject(gvk: GroupVersionKind, namespace?: string): string {
  const gv = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
  return `${gvk.kind} (${gv})${namespace ? ` in ${namespace}` : ''}`;
}
