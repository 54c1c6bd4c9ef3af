import type { KubeObject } from '../../core/index.ts';
import { ApiError, badRequest } from '../errors.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { ServerState } from '../state.ts';
import { createObject } from './create.ts';
import { managerOf, type WriteResult } from './options.ts';
import type { PatchType } from './patch-types.ts';
import { updateObject, type UpdateOptions } from './update.ts';

export interface PatchOptions extends UpdateOptions {
  force?: boolean;
}

/**
 * PATCH: the patch is applied to the latest stored object inside the update loop (so a
 * concurrent change re-applies it), and a `metadata.resourceVersion` the patch sets is a
 * precondition. Returns `created` when an apply patch created the object.
 */
export async function patchObject(
  state: ServerState,
  info: ResourceInfo,
  namespace: string,
  name: string,
  type: PatchType,
  patch: unknown,
  options: PatchOptions,
): Promise<WriteResult<KubeObject> & { created: boolean }> {
  const isApply = type.contentType === 'application/apply-patch+yaml';
  if (options.force && !isApply)
    throw badRequest('force: Invalid value: true: may not be specified for non-apply patch');
  const context = { resource: info, fieldManager: managerOf(options), force: options.force === true };
  const writeOptions = { ...options, patchType: type.contentType };
  try {
    const result = await updateObject(
      state,
      info,
      namespace,
      name,
      (current) => type.apply(current, patch, context),
      writeOptions,
    );
    return { ...result, created: false };
  } catch (err) {
    const missing =
      err instanceof ApiError &&
      err.httpCode === 404 &&
      state.store.get(info.storageKey, info.namespaced ? namespace : '', name) === undefined;
    const fresh = missing && type.createFrom ? type.createFrom(patch, context) : undefined;
    if (!fresh) throw err;
    const result = await createObject(state, info, namespace, fresh, writeOptions);
    return { ...result, created: true };
  }
}
