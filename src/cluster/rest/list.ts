import { badRequest, tooLargeResourceVersion } from '../errors.ts';
import { parseFieldSelector } from '../select/fields.ts';
import { parseLabelSelector } from '../select/labels.ts';
import { listAt } from '../storage/snapshot.ts';
import type { StoredObject } from '../storage/store.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { ServerState } from '../state.ts';
import { decodeContinue, encodeContinue } from './continue-token.ts';

export interface ListParams {
  /** Only this namespace; every namespace when absent. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
}

export interface ListResult {
  /** Stored objects (in the stored version), sorted by namespace and name. */
  items: StoredObject[];
  /** The resourceVersion the list reflects. */
  rv: number;
  continue?: string;
  remainingItemCount?: number;
}

/**
 * A list with kube-apiserver's semantics: selectors, `limit`/`continue` pages that all read at the
 * first page's resourceVersion (410 Expired once history no longer reaches back to it),
 * `resourceVersion` unset (latest), `0` (any, served latest), `N` (not older than N, or exactly N
 * with `resourceVersionMatch=Exact`).
 */
export function listObjects(state: ServerState, info: ResourceInfo, params: ListParams): ListResult {
  const labels = parseLabelSelector(params.labelSelector);
  const fields = parseFieldSelector(params.fieldSelector, info);
  const limit = params.limit !== undefined && params.limit > 0 ? params.limit : undefined;
  const current = state.store.rv;

  let readRv = current;
  let start: string | undefined;
  if (params.continue) {
    if (
      params.resourceVersion !== undefined &&
      params.resourceVersion !== '' &&
      params.resourceVersion !== '0'
    ) {
      throw badRequest('specifying resource version is not allowed when using continue');
    }
    const token = decodeContinue(params.continue);
    readRv = token.rv;
    start = token.start;
  } else if (
    params.resourceVersion !== undefined &&
    params.resourceVersion !== '' &&
    params.resourceVersion !== '0'
  ) {
    const rv = Number(params.resourceVersion);
    if (!Number.isSafeInteger(rv) || rv < 0)
      throw badRequest(
        `Invalid value: "${params.resourceVersion}": strconv.ParseUint: parsing "${params.resourceVersion}": invalid syntax`,
      );
    if (rv > current) throw tooLargeResourceVersion(rv, current);
    if (params.resourceVersionMatch === 'Exact') readRv = rv;
  } else if (params.resourceVersionMatch === 'Exact') {
    throw badRequest('resourceVersionMatch "Exact" is forbidden for resourceVersion "0"');
  }

  const all =
    readRv === current
      ? state.store.list(info.storageKey, params.namespace)
      : listAt(
          state.store,
          state.history,
          info.storageKey,
          readRv,
          params.namespace,
          params.continue
            ? 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'
            : `too old resource version: ${readRv} (${state.history.compactedRv + 1})`,
        );

  let i = 0;
  if (start !== undefined) {
    // Keys sort byte-wise, so the first key ≥ start is found by binary search.
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (all[mid]!.key < start) lo = mid + 1;
      else hi = mid;
    }
    i = lo;
  }
  const filtered = labels.requirements.length > 0 || fields.requirements.length > 0;
  const items: StoredObject[] = [];
  for (; i < all.length; i++) {
    const o = all[i]!;
    if (filtered && (!labels.matches(o.object.metadata.labels) || !fields.matches(o.object))) continue;
    if (limit !== undefined && items.length === limit) break;
    items.push(o);
  }
  const result: ListResult = { items, rv: readRv };
  if (limit !== undefined && i < all.length) {
    result.continue = encodeContinue(readRv, items[items.length - 1]!.key);
    if (!filtered) result.remainingItemCount = all.length - i;
  }
  return result;
}
