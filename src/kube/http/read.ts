/** `get` and `list`: reads of one object or one page of a kind. */
import type { GroupVersionKind, KubeObject } from '../../core/index.ts';
import type { GetOptions, ListOptions, ObjectKey, ObjectList } from '../client.ts';
import { callSignal, kindSubject, resourceOf, targetOf, type HttpContext } from './context.ts';
import { NotFoundError } from './errors.ts';
import { resourcePath } from './paths.ts';

export async function getObject(
  ctx: HttpContext,
  key: ObjectKey,
  options: GetOptions,
): Promise<KubeObject | undefined> {
  const signal = callSignal(ctx, options.signal);
  const t = await targetOf(ctx, key, 'get', signal);
  try {
    const reply = await ctx.transport.request({
      method: 'GET',
      path: t.path,
      query: { resourceVersion: options.resourceVersion },
      signal,
      subject: t.subject,
      verb: 'get',
    });
    return reply.body as KubeObject;
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

export async function listObjects(
  ctx: HttpContext,
  gvk: GroupVersionKind,
  options: ListOptions,
): Promise<ObjectList> {
  const signal = callSignal(ctx, options.signal);
  const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
  const r = await resourceOf(ctx, apiVersion, gvk.kind, signal);
  const namespace = r.namespaced ? options.namespace || undefined : undefined;
  const reply = await ctx.transport.request({
    method: 'GET',
    path: resourcePath(r, namespace),
    query: {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      limit: options.limit,
      continue: options.continue,
      resourceVersion: options.resourceVersion,
    },
    signal,
    subject: kindSubject(gvk, namespace),
    verb: 'list',
  });
  const list = reply.body as ObjectList;
  // Items of a list carry no apiVersion/kind on the wire; every consumer needs them.
  for (const item of list.items ?? []) {
    item.apiVersion ??= apiVersion;
    item.kind ??= gvk.kind;
  }
  list.items ??= [];
  return list;
}
