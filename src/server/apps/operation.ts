/**
 * The `.operation` Argo CD's API server writes for sync and rollback requests
 * (server/application/application.go): the controller picks it up, runs it and moves it into
 * `status.operationState`.
 */
import { ApiError } from '../errors.ts';

const SYNC_OPTION_KEYS = new Set([
  'ApplyOutOfSyncOnly',
  'ServerSideApply',
  'Replace',
  'PruneLast',
  'CreateNamespace',
  'Validate',
  'RespectIgnoreDifferences',
  'PrunePropagationPolicy',
  'Prune',
  'Delete',
  'FailOnSharedResource',
  'SkipDryRunOnMissingResource',
  'Force',
]);

export interface SyncRequest {
  revision?: unknown;
  prune?: unknown;
  dryRun?: unknown;
  strategy?: unknown;
  resources?: unknown;
  syncOptions?: { items?: unknown };
  retryStrategy?: unknown;
}

export function syncOptionItems(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new ApiError('InvalidArgument', 'syncOptions.items: a list of KEY=VALUE strings');
  for (const item of value as string[]) {
    const key = item.split('=')[0] ?? '';
    if (!SYNC_OPTION_KEYS.has(key)) throw new ApiError('InvalidArgument', `unknown sync option "${item}"`);
  }
  return value as string[];
}

export function syncOperation(body: SyncRequest, username: string): Record<string, unknown> {
  const sync: Record<string, unknown> = {};
  if (body.revision !== undefined) {
    if (typeof body.revision !== 'string') throw new ApiError('InvalidArgument', 'revision: a string');
    if (body.revision) sync['revision'] = body.revision;
  }
  if (body.prune === true) sync['prune'] = true;
  if (body.dryRun === true) sync['dryRun'] = true;
  if (body.strategy !== undefined) sync['syncStrategy'] = body.strategy;
  if (body.resources !== undefined) {
    if (!Array.isArray(body.resources)) throw new ApiError('InvalidArgument', 'resources: a list');
    sync['resources'] = body.resources;
  }
  const items = syncOptionItems(body.syncOptions?.items);
  if (items?.length) sync['syncOptions'] = items;
  return {
    sync,
    initiatedBy: { username },
    ...(body.retryStrategy !== undefined ? { retry: body.retryStrategy } : {}),
  };
}
