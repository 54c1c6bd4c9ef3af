import { patchObject } from '../../rest/patch.ts';
import { updateScale } from '../../rest/scale.ts';
import { managerOf } from '../../rest/options.ts';
import type { PatchContext } from '../../rest/patch-types.ts';
import type { Subresource } from '../../admission/types.ts';
import { boolParam, writeOptions, type Call } from '../context.ts';
import { mediaType, readBody } from '../body.ts';
import { negotiate } from '../negotiate.ts';
import { sendValue, sendWritten } from '../respond.ts';

/** PATCH of an object or its status: dispatched on Content-Type through the patch type table. */
export async function handlePatch(call: Call, subresource: Subresource): Promise<void> {
  const target = negotiate(call.req.headers.accept);
  const type = call.deps.patchTypes.get(mediaType(call.req), call.info);
  const { patch, problems } = type.decode(await readBody(call.req));
  const force = boolParam(call.query, 'force');
  const result = await patchObject(
    call.deps.state,
    call.info,
    call.namespace,
    call.path.name!,
    type,
    patch,
    { ...writeOptions(call), subresource, ...(force !== undefined ? { force } : {}) },
    problems,
  );
  sendWritten(call.res, result.created ? 201 : 200, result, target);
}

/** PATCH of `/scale`: the patch applies to the Scale object. */
export async function handlePatchScale(call: Call): Promise<void> {
  const target = negotiate(call.req.headers.accept);
  const type = call.deps.patchTypes.get(mediaType(call.req), call.info);
  const { patch } = type.decode(await readBody(call.req));
  const options = writeOptions(call);
  const context: PatchContext = {
    resource: call.info,
    subresource: 'scale',
    fieldManager: managerOf(options),
    force: false,
    now: call.deps.state.now(),
  };
  const result = await updateScale(
    call.deps.state,
    call.info,
    call.namespace,
    call.path.name!,
    (scale) => type.apply(scale, patch, context),
    options,
  );
  sendValue(call.res, 200, result.object, target, result.warnings);
}
