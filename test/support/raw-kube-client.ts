/**
 * A minimal `KubeReader & KubeWriter` over raw HTTP, for the few kinds the controller runtime's
 * end-to-end tests write (Leases, Events, ConfigMaps), until `kube` ships its HTTP client. It is a
 * real client of a real API server, not a fake: requests go over the wire and failures come back
 * as `CapstanError`s whose `code` is the Status reason (`NotFound`, `Conflict`, `AlreadyExists`),
 * as the seam promises. Limits: no list, watch or discovery; signals are checked before a request
 * only.
 */
import { CapstanError, formatRef, parseApiVersion, type KubeObject } from '../../src/core/index.ts';
import type { KubeReader, KubeWriter, ObjectKey } from '../../src/kube/index.ts';
import type { RunningCluster } from '../../src/cluster/index.ts';
import { apiRequest, type ApiResponse } from './cluster.ts';

const PLURALS: Record<string, string> = { Lease: 'leases', Event: 'events', ConfigMap: 'configmaps' };

type Client = Pick<KubeReader, 'get'> & Pick<KubeWriter, 'create' | 'update' | 'patch'>;

export function rawKubeClient(cluster: Pick<RunningCluster, 'url' | 'token' | 'ca'>): Client {
  const path = (key: { apiVersion: string; kind: string; namespace?: string | undefined; name?: string }) => {
    const plural = PLURALS[key.kind];
    if (!plural) throw new Error(`rawKubeClient: ${key.kind} is not supported`);
    const { group } = parseApiVersion(key.apiVersion);
    const base = group === '' ? `/api/${key.apiVersion}` : `/apis/${key.apiVersion}`;
    const ns = key.namespace ? `/namespaces/${key.namespace}` : '';
    return `${base}${ns}/${plural}${key.name ? `/${key.name}` : ''}`;
  };
  const check = (res: ApiResponse, ref: string): KubeObject => {
    if (res.status >= 200 && res.status < 300) return res.json as KubeObject;
    const status = (res.json ?? {}) as { reason?: string; message?: string };
    throw new CapstanError(`${ref}: ${status.message ?? res.text}`, {
      code: status.reason ?? `HTTP${res.status}`,
    });
  };
  const keyOf = (obj: KubeObject): ObjectKey => ({
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name ?? '',
  });
  return {
    async get(key, { signal }) {
      signal.throwIfAborted();
      const res = await apiRequest(cluster, 'GET', path(key));
      return res.status === 404 ? undefined : check(res, formatRef(key));
    },
    async create(obj, { signal }) {
      signal.throwIfAborted();
      const res = await apiRequest(cluster, 'POST', path({ ...keyOf(obj), name: '' }), { body: obj });
      return check(res, formatRef(obj));
    },
    async update(obj, { signal }) {
      signal.throwIfAborted();
      const res = await apiRequest(cluster, 'PUT', path(keyOf(obj)), { body: obj });
      return check(res, formatRef(obj));
    },
    async patch(key, patch, { signal }) {
      signal.throwIfAborted();
      const contentType = {
        json: 'application/json-patch+json',
        merge: 'application/merge-patch+json',
        strategic: 'application/strategic-merge-patch+json',
      }[patch.type];
      const res = await apiRequest(cluster, 'PATCH', path(key), { body: patch.body, contentType });
      return check(res, formatRef(key));
    },
  };
}
