// docs/api.md §9: Flux objects under /api/v1/flux/{resource}.
import { API_BASE, request } from './http.ts';
import { readStream } from './stream.ts';
import type {
  ApplicationTree,
  FluxObject,
  FluxResource,
  KubeEvent,
  List,
  WatchEvent,
  WatchType,
} from './types.ts';

export interface FluxKey {
  namespace: string;
  name: string;
}

export interface FluxListQuery {
  namespace?: readonly string[];
  selector?: string;
  search?: string;
  health?: readonly string[];
}

const path = (resource: FluxResource, key: FluxKey, sub = ''): string =>
  `${API_BASE}/flux/${resource}/${encodeURIComponent(key.namespace)}/${encodeURIComponent(key.name)}${sub}`;

export function listFlux<T extends FluxObject>(
  resource: FluxResource,
  query: FluxListQuery & { limit?: number; continue?: string },
  signal: AbortSignal,
): Promise<List<T>> {
  return request(`${API_BASE}/flux/${resource}`, { query: { ...query }, signal });
}

export function watchFlux<T extends FluxObject>(
  resource: FluxResource,
  query: FluxListQuery & { name?: string; resourceVersion?: string },
  onEvent: (event: WatchEvent<T>) => void,
  signal: AbortSignal,
  onOpen?: () => void,
): Promise<void> {
  return readStream(`${API_BASE}/stream/flux/${resource}`, {
    query: { ...query },
    signal,
    ...(onOpen ? { onOpen } : {}),
    onResult: (result) => {
      const r = result as { type: WatchType; object: T };
      onEvent({ type: r.type, object: r.object });
    },
  });
}

export function getFlux<T extends FluxObject>(
  resource: FluxResource,
  key: FluxKey,
  signal?: AbortSignal,
): Promise<T> {
  return request(path(resource, key), signal ? { signal } : {});
}

export function reconcileFlux<T extends FluxObject>(
  resource: FluxResource,
  key: FluxKey,
  withSource = false,
): Promise<T> {
  return request(path(resource, key, '/reconcile'), {
    method: 'POST',
    body: withSource ? { withSource } : {},
  });
}

export function setFluxSuspended<T extends FluxObject>(
  resource: FluxResource,
  key: FluxKey,
  suspend: boolean,
): Promise<T> {
  return request(path(resource, key, suspend ? '/suspend' : '/resume'), { method: 'POST' });
}

export async function getFluxEvents(
  resource: FluxResource,
  key: FluxKey,
  signal: AbortSignal,
): Promise<KubeEvent[]> {
  const res = await request<List<KubeEvent>>(path(resource, key, '/events'), { signal });
  return res.items ?? [];
}

export function getKustomizationTree(key: FluxKey, signal: AbortSignal): Promise<ApplicationTree> {
  return request(path('kustomizations', key, '/resource-tree'), { signal });
}
