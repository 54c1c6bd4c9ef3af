import { badRequest, notFound } from '../../errors.ts';
import { listObjects, type ListParams } from '../../rest/list.ts';
import { view } from '../../rest/view.ts';
import { partialObjectMetadata, toTable, type IncludeObject } from '../../table/convert.ts';
import { intParam, type Call } from '../context.ts';
import { negotiate } from '../negotiate.ts';
import { sendJson, sendValue } from '../respond.ts';

/** GET of one object (or of its status, which is the same object). */
export function handleGet(call: Call): void {
  const { info, path, deps } = call;
  const target = negotiate(call.req.headers.accept, { table: true, partial: true });
  const stored = deps.state.store.get(info.storageKey, info.namespaced ? call.namespace : '', path.name!);
  if (!stored) throw notFound(info, path.name!, call.namespace || undefined);
  const viewed = view(info, stored);
  if (target.kind === 'json') return sendJson(call.res, 200, viewed.json);
  if (target.kind === 'table') {
    const table = toTable(
      info,
      [viewed.object],
      {
        includeObject: includeObject(call.query),
        resourceVersion: viewed.object.metadata.resourceVersion ?? '',
      },
      `meta.k8s.io/${target.version}`,
    );
    return sendValue(call.res, 200, table, target);
  }
  if (target.kind === 'partial')
    return sendValue(
      call.res,
      200,
      partialObjectMetadata(viewed.object, `meta.k8s.io/${target.version}`),
      target,
    );
  sendValue(call.res, 200, viewed.object, target);
}

export function listParams(call: Call): ListParams {
  const q = call.query;
  const match = q.get('resourceVersionMatch');
  if (match !== null && match !== '' && match !== 'Exact' && match !== 'NotOlderThan') {
    throw badRequest(
      `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`,
    );
  }
  return {
    ...(call.info.namespaced && call.path.namespace !== undefined ? { namespace: call.namespace } : {}),
    labelSelector: q.get('labelSelector') ?? undefined,
    fieldSelector: q.get('fieldSelector') ?? undefined,
    limit: intParam(q, 'limit'),
    continue: q.get('continue') || undefined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    ...(match ? { resourceVersionMatch: match } : {}),
  };
}

export function includeObject(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject') ?? 'Metadata';
  if (v !== 'None' && v !== 'Metadata' && v !== 'Object')
    throw badRequest(`unrecognized includeObject value: "${v}"`);
  return v;
}

/** GET of a collection: a List (built from the stored JSON without re-serializing), a Table or metadata. */
export function handleList(call: Call): void {
  const { info, deps } = call;
  const target = negotiate(call.req.headers.accept, { table: true, partial: true });
  const result = listObjects(deps.state, info, listParams(call));
  const rv = String(result.rv);
  if (target.kind === 'table' || target.kind === 'partial') {
    const objects = result.items.map((o) => view(info, o).object);
    const apiVersion = `meta.k8s.io/${target.version}`;
    const value =
      target.kind === 'table'
        ? toTable(
            info,
            objects,
            {
              includeObject: includeObject(call.query),
              resourceVersion: rv,
              ...(result.continue ? { continue: result.continue } : {}),
              ...(result.remainingItemCount !== undefined
                ? { remainingItemCount: result.remainingItemCount }
                : {}),
            },
            apiVersion,
          )
        : {
            kind: 'PartialObjectMetadataList',
            apiVersion,
            metadata: listMeta(rv, result.continue, result.remainingItemCount),
            items: objects.map((o) => partialObjectMetadata(o, apiVersion)),
          };
    return sendValue(call.res, 200, value, target);
  }
  const meta = JSON.stringify(listMeta(rv, result.continue, result.remainingItemCount));
  if (target.kind === 'json') {
    const items = result.items.map((o) => view(info, o).json).join(',');
    return sendJson(
      call.res,
      200,
      `{"kind":"${info.listKind}","apiVersion":"${info.apiVersion}","metadata":${meta},"items":[${items}]}`,
    );
  }
  sendValue(
    call.res,
    200,
    {
      kind: info.listKind,
      apiVersion: info.apiVersion,
      metadata: JSON.parse(meta) as object,
      items: result.items.map((o) => view(info, o).object),
    },
    target,
  );
}

function listMeta(
  rv: string,
  cont: string | undefined,
  remaining: number | undefined,
): Record<string, unknown> {
  const meta: Record<string, unknown> = { resourceVersion: rv };
  if (cont) meta['continue'] = cont;
  if (remaining !== undefined) meta['remainingItemCount'] = remaining;
  return meta;
}
