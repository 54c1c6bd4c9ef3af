/**
 * The write verbs: create, update (PUT), patch (JSON, merge, strategic), server-side apply and
 * delete. Each resolves with what the server stored (or, with `dryRun: 'All'`, would store).
 */
import type { KubeObject } from '../../core/index.ts';
import type {
  ApplyOptions,
  CreateOptions,
  DeleteOptions,
  ObjectKey,
  Patch,
  PatchOptions,
  PatchType,
  UpdateOptions,
  WriteOptions,
} from '../client.ts';
import { callSignal, targetOf, type HttpContext } from './context.ts';
import { NotFoundError } from './errors.ts';
import { resourcePath } from './paths.ts';

const PATCH_MEDIA_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

export const APPLY_MEDIA_TYPE = 'application/apply-patch+yaml';

/**
 * A CRD (or an aggregated API) written by this client changes what the server serves: forget
 * discovery so the next call of its kind maps at once, instead of after the refresh interval.
 */
function noteDefinitionWrite(ctx: HttpContext, apiVersion: string, kind: string, dryRun: unknown): void {
  if (dryRun) return;
  if (
    (kind === 'CustomResourceDefinition' && apiVersion.startsWith('apiextensions.k8s.io/')) ||
    (kind === 'APIService' && apiVersion.startsWith('apiregistration.k8s.io/'))
  )
    ctx.discovery.invalidate();
}

function keyOf(obj: KubeObject): ObjectKey {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name ?? '',
  };
}

interface WriteRequest {
  verb: 'create' | 'update' | 'patch' | 'apply';
  method: 'POST' | 'PUT' | 'PATCH';
  key: ObjectKey;
  body: unknown;
  contentType?: string;
  /** POST goes to the collection, every other verb to the object. */
  collection?: boolean;
}

/**
 * One write: resolve the resource, send the verb with the write options as query parameters
 * (`force` only for apply), and forget discovery after a definition changed.
 */
async function sendWrite(
  ctx: HttpContext,
  request: WriteRequest,
  options: WriteOptions & { force?: boolean; subresource?: string },
): Promise<KubeObject> {
  const signal = callSignal(ctx, options.signal);
  const t = await targetOf(ctx, request.key, request.verb, signal, options.subresource);
  const reply = await ctx.transport.request({
    method: request.method,
    path: request.collection ? resourcePath(t.resource, t.namespace) : t.path,
    query: {
      fieldManager: options.fieldManager,
      force: options.force ? true : undefined,
      dryRun: options.dryRun,
      fieldValidation: options.fieldValidation,
    },
    body: request.body,
    ...(request.contentType && { contentType: request.contentType }),
    signal,
    subject: t.subject,
    verb: request.verb,
  });
  noteDefinitionWrite(ctx, request.key.apiVersion, request.key.kind, options.dryRun);
  return reply.body as KubeObject;
}

export function createObject(ctx: HttpContext, obj: KubeObject, options: CreateOptions): Promise<KubeObject> {
  // Objects with only `generateName` have no path of their own: check the collection's.
  const name = obj.metadata.name || `${obj.metadata.generateName ?? ''}*`;
  const key = { ...keyOf(obj), name };
  return sendWrite(ctx, { verb: 'create', method: 'POST', key, body: obj, collection: true }, options);
}

export function updateObject(ctx: HttpContext, obj: KubeObject, options: UpdateOptions): Promise<KubeObject> {
  return sendWrite(ctx, { verb: 'update', method: 'PUT', key: keyOf(obj), body: obj }, options);
}

export function patchObject(
  ctx: HttpContext,
  key: ObjectKey,
  patch: Patch,
  options: PatchOptions,
): Promise<KubeObject> {
  const contentType = PATCH_MEDIA_TYPES[patch.type];
  return sendWrite(ctx, { verb: 'patch', method: 'PATCH', key, body: patch.body, contentType }, options);
}

/** Server-side apply: the object is sent as the applied configuration (JSON is YAML). */
export function applyObject(ctx: HttpContext, obj: KubeObject, options: ApplyOptions): Promise<KubeObject> {
  const request = {
    verb: 'apply',
    method: 'PATCH',
    key: keyOf(obj),
    body: obj,
    contentType: APPLY_MEDIA_TYPE,
  } as const;
  return sendWrite(ctx, request, options);
}

export async function deleteObject(
  ctx: HttpContext,
  key: ObjectKey,
  options: DeleteOptions,
): Promise<KubeObject | undefined> {
  const signal = callSignal(ctx, options.signal);
  const t = await targetOf(ctx, key, 'delete', signal);
  const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
  if (options.propagationPolicy) body['propagationPolicy'] = options.propagationPolicy;
  if (options.gracePeriodSeconds !== undefined) body['gracePeriodSeconds'] = options.gracePeriodSeconds;
  if (options.dryRun) body['dryRun'] = [options.dryRun];
  if (options.preconditions) body['preconditions'] = options.preconditions;
  let reply;
  try {
    reply = await ctx.transport.request({
      method: 'DELETE',
      path: t.path,
      body,
      signal,
      subject: t.subject,
      verb: 'delete',
    });
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
  noteDefinitionWrite(ctx, key.apiVersion, key.kind, options.dryRun);
  const out = reply.body as KubeObject;
  if (out.kind !== 'Status') return out;
  // Deleted at once, answered with a Status: the key and uid are all that is known.
  const details = (out as { details?: { uid?: string } }).details;
  const uid = details?.uid;
  return {
    apiVersion: key.apiVersion,
    kind: key.kind,
    metadata: {
      name: key.name,
      ...(t.namespace && { namespace: t.namespace }),
      ...(uid && { uid }),
    },
  };
}
