import type { KubeObject } from '../../../core/index.ts';
import { schemaFor, type SchemaNode } from '../../../kube/index.ts';
import { badRequest } from '../../errors.ts';
import { createObject } from '../../rest/create.ts';
import { deleteCollection, deleteObject, type DeleteOptions } from '../../rest/delete.ts';
import { updateObject } from '../../rest/update.ts';
import type { Subresource } from '../../admission/types.ts';
import { intParam, writeOptions, type Call } from '../context.ts';
import { readBody, readObjectChecked, mediaType, decode } from '../body.ts';
import { negotiate } from '../negotiate.ts';
import { sendValue, sendWritten } from '../respond.ts';
import { listParams } from './read.ts';

/** POST to a collection. */
export async function handleCreate(call: Call): Promise<void> {
  const target = negotiate(call.req.headers.accept);
  const { value, problems } = await readObjectChecked(call.req, bodySchema(call));
  const result = await createObject(call.deps.state, call.info, call.namespace, value, {
    ...writeOptions(call),
    bodyProblems: problems,
  });
  sendWritten(call.res, 201, result, target);
}

/** PUT of an object, or of its `status` or (Namespaces) `finalize` subresource. */
export async function handleUpdate(call: Call, subresource: Subresource): Promise<void> {
  const target = negotiate(call.req.headers.accept);
  const { value, problems } = await readObjectChecked(call.req, bodySchema(call));
  const result = await updateObject(
    call.deps.state,
    call.info,
    call.namespace,
    call.path.name!,
    () => value,
    {
      ...writeOptions(call),
      subresource,
      bodyProblems: problems,
    },
  );
  sendWritten(call.res, 200, result, target);
}

/**
 * The schema a body is checked against while decoding: the built-in type's. Custom resources'
 * unknown fields are found by their CRD schema step, so only their duplicates are noted here.
 */
function bodySchema(call: Call): SchemaNode | undefined {
  return call.info.crd ? undefined : schemaFor({ apiVersion: call.info.apiVersion, kind: call.info.kind });
}

/** Types whose DELETE answers with the deleted object rather than a Success Status, as upstream. */
const RETURNS_OBJECT = new Set(['/Pod', '/Namespace', '/Service']);

/** DELETE of one object; the body (if any) is DeleteOptions. */
export async function handleDelete(call: Call): Promise<void> {
  const target = negotiate(call.req.headers.accept);
  const options = await deleteOptions(call);
  const { info } = call;
  const result = await deleteObject(call.deps.state, info, call.namespace, call.path.name!, options);
  if (!result.deleted || info.crd || RETURNS_OBJECT.has(`${info.group}/${info.kind}`)) {
    return sendValue(call.res, 200, result.object, target, result.warnings);
  }
  sendValue(
    call.res,
    200,
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {
        name: call.path.name,
        group: info.group,
        kind: info.plural,
        uid: result.object.metadata.uid,
      },
    },
    target,
    result.warnings,
  );
}

/** DELETE of a collection (with selectors): the deleted objects as a List. */
export async function handleDeleteCollection(call: Call): Promise<void> {
  const target = negotiate(call.req.headers.accept);
  const options = await deleteOptions(call);
  const { items, warnings } = await deleteCollection(call.deps.state, call.info, listParams(call), options);
  sendValue(
    call.res,
    200,
    {
      kind: call.info.listKind,
      apiVersion: call.info.apiVersion,
      metadata: { resourceVersion: String(call.deps.state.store.rv) },
      items,
    },
    target,
    warnings,
  );
}

async function deleteOptions(call: Call): Promise<DeleteOptions> {
  const text = await readBody(call.req);
  const body = (
    text.trim() === '' ? {} : decode(mediaType(call.req), text, ['application/json', 'application/yaml'])
  ) as {
    propagationPolicy?: string;
    gracePeriodSeconds?: number;
    preconditions?: { uid?: string; resourceVersion?: string };
    dryRun?: string[];
    orphanDependents?: boolean;
  } & Partial<KubeObject>;
  const q = call.query;
  const policy =
    q.get('propagationPolicy') ??
    body.propagationPolicy ??
    (body.orphanDependents === true ? 'Orphan' : undefined);
  if (policy !== undefined && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
    throw badRequest(
      `propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  const options = writeOptions(call);
  if ((body.dryRun ?? []).length > 0) {
    for (const d of body.dryRun ?? [])
      if (d !== 'All') throw badRequest(`dryRun: Unsupported value: "${d}": supported values: "All"`);
    options.dryRun = true;
  }
  const grace = intParam(q, 'gracePeriodSeconds') ?? body.gracePeriodSeconds;
  return {
    ...options,
    ...(policy ? { propagationPolicy: policy } : {}),
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
    ...(body.preconditions ? { preconditions: body.preconditions } : {}),
  };
}
