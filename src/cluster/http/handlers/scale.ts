import { getScale, updateScale } from '../../rest/scale.ts';
import { writeOptions, type Call } from '../context.ts';
import { readObject } from '../body.ts';
import { negotiate } from '../negotiate.ts';
import { sendValue } from '../respond.ts';

/** GET `/scale`. */
export function handleGetScale(call: Call): void {
  const target = negotiate(call.req.headers.accept);
  sendValue(call.res, 200, getScale(call.deps.state, call.info, call.namespace, call.path.name!), target);
}

/** PUT `/scale`. */
export async function handlePutScale(call: Call): Promise<void> {
  const target = negotiate(call.req.headers.accept);
  const body = await readObject(call.req);
  const result = await updateScale(
    call.deps.state,
    call.info,
    call.namespace,
    call.path.name!,
    () => body,
    writeOptions(call),
  );
  sendValue(call.res, 200, result.object, target, result.warnings);
}
