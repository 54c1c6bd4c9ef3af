import type { KubeObject } from '../core/index.ts';

/**
 * What a reconciler is asked to reconcile: the name of one object, nothing about why. Reconciling
 * is level-based: the reconciler reads the object's current state, it is not told what changed.
 * `namespace` is `''` for cluster-scoped objects.
 */
export interface Request {
  namespace: string;
  name: string;
}

/** The queue key of a request: `namespace/name`, or `name` when cluster-scoped (as client-go). */
export function requestKey(request: Request): string {
  return request.namespace === '' ? request.name : `${request.namespace}/${request.name}`;
}

/** The inverse of `requestKey`. */
export function parseRequestKey(key: string): Request {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: '', name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The request that reconciles `obj` itself. */
export function requestOf(obj: KubeObject): Request {
  return { namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
}
