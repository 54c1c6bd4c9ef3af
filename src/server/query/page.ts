/**
 * Kubernetes-style list chunking over a sorted list: `limit` items, and an opaque `continue`
 * naming the last item returned, so the next page resumes after it even if objects came or went
 * in between.
 */
import type { KubeObject } from '../../core/index.ts';
import { ApiError } from '../errors.ts';
import { one, type Query } from './params.ts';

export const byNameThenNamespace = (a: KubeObject, b: KubeObject): number =>
  (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '') ||
  (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '');

export interface Page<T> {
  items: T[];
  continue?: string;
  remainingItemCount?: number;
}

export function paginate<T extends KubeObject>(sorted: T[], query: Query): Page<T> {
  const limitText = one(query, 'limit');
  const token = one(query, 'continue');
  let start = 0;
  if (token) {
    let after: { n?: unknown; ns?: unknown };
    try {
      after = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof after;
    } catch {
      throw new ApiError('InvalidArgument', 'invalid continue token');
    }
    if (typeof after.n !== 'string' || typeof after.ns !== 'string')
      throw new ApiError('InvalidArgument', 'invalid continue token');
    const marker = { metadata: { name: after.n, namespace: after.ns } } as KubeObject;
    start = sorted.findIndex((o) => byNameThenNamespace(o, marker) > 0);
    if (start < 0) start = sorted.length;
  }
  if (limitText === undefined) return { items: sorted.slice(start) };
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000)
    throw new ApiError('InvalidArgument', `invalid limit "${limitText}": 1 to 5000`);
  const items = sorted.slice(start, start + limit);
  const remaining = sorted.length - start - items.length;
  const last = items.at(-1);
  if (remaining <= 0 || !last) return { items };
  const next = Buffer.from(
    JSON.stringify({ n: last.metadata.name ?? '', ns: last.metadata.namespace ?? '' }),
  ).toString('base64url');
  return { items, continue: next, remainingItemCount: remaining };
}

/** Without managedFields, as every object in a response (docs/api.md §1). */
export function strip<T extends KubeObject>(obj: T): T {
  if (!obj.metadata.managedFields) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** The largest resourceVersion among the objects: where a stream may start without missing changes. */
export function listVersion(objects: readonly KubeObject[]): string {
  let max = 0;
  for (const o of objects) max = Math.max(max, Number(o.metadata.resourceVersion ?? 0) || 0);
  return String(max);
}
