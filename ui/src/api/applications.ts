// docs/api.md §8: Argo CD's application endpoints.
import { API_BASE, request, type QueryValue } from './http.ts';
import { readStream } from './stream.ts';
import type {
  Application,
  ApplicationTree,
  KubeEvent,
  List,
  ResourceDiff,
  RevisionMetadata,
  RollbackRequest,
  SyncRequest,
  WatchEvent,
  WatchType,
} from './types.ts';

/** Identifies one Application: its name and, when not the control-plane namespace, its namespace. */
export interface AppKey {
  name: string;
  appNamespace?: string;
}

const path = (key: AppKey, sub = ''): string =>
  `${API_BASE}/applications/${encodeURIComponent(key.name)}${sub}`;
const ns = (key: AppKey): Record<string, QueryValue> => ({ appNamespace: key.appNamespace });

/** The server-side filters of GET /api/v1/applications. */
export interface AppListQuery {
  projects?: readonly string[];
  selector?: string;
  search?: string;
  health?: readonly string[];
  sync?: readonly string[];
  namespace?: readonly string[];
}

/** The fields the list views read: keeps 1000-app responses small (Argo's field filter). */
export const APP_LIST_FIELDS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.labels',
  'metadata.resourceVersion',
  'metadata.creationTimestamp',
  'metadata.deletionTimestamp',
  'spec.project',
  'spec.source',
  'spec.sources',
  'spec.destination',
  'spec.syncPolicy',
  'operation.sync',
  'status.sync.status',
  'status.sync.revision',
  'status.health',
  'status.summary',
  'status.reconciledAt',
  'status.operationState.phase',
  'status.operationState.startedAt',
  'status.operationState.finishedAt',
];

export function listApplications(
  query: AppListQuery & { limit?: number; continue?: string },
  signal: AbortSignal,
): Promise<List<Application>> {
  const fields = ['metadata.resourceVersion', 'metadata.continue', 'metadata.remainingItemCount'];
  return request(`${API_BASE}/applications`, {
    query: { ...query, fields: [...fields, ...APP_LIST_FIELDS.map((f) => `items.${f}`)].join(',') },
    signal,
  });
}

export function watchApplications(
  query: AppListQuery & { name?: string; appNamespace?: string; resourceVersion?: string; fields?: boolean },
  onEvent: (event: WatchEvent<Application>) => void,
  signal: AbortSignal,
  onOpen?: () => void,
): Promise<void> {
  const { fields, ...rest } = query;
  const fieldList = fields
    ? ['result.type', ...APP_LIST_FIELDS.map((f) => `result.application.${f}`)].join(',')
    : undefined;
  return readStream(`${API_BASE}/stream/applications`, {
    query: { ...rest, fields: fieldList },
    signal,
    ...(onOpen ? { onOpen } : {}),
    onResult: (result) => {
      const r = result as { type: WatchType; application: Application };
      onEvent({ type: r.type, object: r.application });
    },
  });
}

export function getApplication(
  key: AppKey,
  signal?: AbortSignal,
  refresh?: 'normal' | 'hard',
): Promise<Application> {
  return request(path(key), { query: { ...ns(key), refresh }, ...(signal ? { signal } : {}) });
}

export function syncApplication(key: AppKey, body: SyncRequest): Promise<Application> {
  return request(path(key, '/sync'), { method: 'POST', body: { ...body, appNamespace: key.appNamespace } });
}

export function rollbackApplication(key: AppKey, body: RollbackRequest): Promise<Application> {
  return request(path(key, '/rollback'), {
    method: 'POST',
    body: { ...body, appNamespace: key.appNamespace },
  });
}

export function terminateOperation(key: AppKey): Promise<unknown> {
  return request(path(key, '/operation'), { method: 'DELETE', query: ns(key) });
}

export function deleteApplication(key: AppKey, cascade: boolean): Promise<unknown> {
  return request(path(key), { method: 'DELETE', query: { ...ns(key), cascade } });
}

export function getResourceTree(key: AppKey, signal: AbortSignal): Promise<ApplicationTree> {
  return request(path(key, '/resource-tree'), { query: ns(key), signal });
}

export function watchResourceTree(
  key: AppKey,
  onTree: (tree: ApplicationTree) => void,
  signal: AbortSignal,
  onOpen?: () => void,
): Promise<void> {
  return readStream(`${API_BASE}/stream/applications/${encodeURIComponent(key.name)}/resource-tree`, {
    query: ns(key),
    signal,
    ...(onOpen ? { onOpen } : {}),
    onResult: (result) => onTree(result as ApplicationTree),
  });
}

export async function getManagedResources(key: AppKey, signal: AbortSignal): Promise<ResourceDiff[]> {
  const res = await request<{ items?: ResourceDiff[] }>(path(key, '/managed-resources'), {
    query: ns(key),
    signal,
  });
  return res.items ?? [];
}

export interface ResourceEventsQuery {
  resourceNamespace?: string;
  resourceName?: string;
  resourceUID?: string;
}

export async function getApplicationEvents(
  key: AppKey,
  resource: ResourceEventsQuery,
  signal: AbortSignal,
): Promise<KubeEvent[]> {
  const res = await request<List<KubeEvent>>(path(key, '/events'), {
    query: { ...ns(key), ...resource },
    signal,
  });
  return res.items ?? [];
}

export function getRevisionMetadata(
  key: AppKey,
  revision: string,
  signal: AbortSignal,
): Promise<RevisionMetadata> {
  return request(path(key, `/revisions/${encodeURIComponent(revision)}/metadata`), {
    query: ns(key),
    signal,
  });
}

export interface ResourceQuery {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The live manifest of one object in the app's tree (JSON text, Secrets masked), or undefined. */
export async function getResource(key: AppKey, r: ResourceQuery, signal: AbortSignal): Promise<string> {
  const res = await request<{ manifest?: string }>(path(key, '/resource'), {
    query: {
      ...ns(key),
      namespace: r.namespace,
      resourceName: r.name,
      version: r.version,
      kind: r.kind,
      group: r.group,
    },
    signal,
  });
  return res.manifest ?? 'null';
}
