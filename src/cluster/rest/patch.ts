import type { KubeObject } from '../../core/index.ts';
import { validatePatchOptions, type FieldProblem, type PatchMediaType } from '../../kube/index.ts';
import { ApiError, badRequest, invalid } from '../errors.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { ServerState } from '../state.ts';
import { createObject } from './create.ts';
import { managerOf, type WriteResult } from './options.ts';
import type { PatchContext, PatchType } from './patch-types.ts';
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
  bodyProblems: readonly FieldProblem[] = [],
): Promise<WriteResult<KubeObject> & { created: boolean }> {
  checkPatchOptions(type, options);
  const context: PatchContext = {
    resource: info,
    subresource: options.subresource ?? '',
    fieldManager: managerOf(options),
    force: options.force === true,
    now: state.now(),
  };
  const writeOptions = {
    ...options,
    patchType: type.contentType,
    bodyProblems,
    readOnlyProduce: type.readOnly === true,
  };
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
      (options.subresource ?? '') === '' &&
      state.store.get(info.storageKey, info.namespaced ? namespace : '', name) === undefined;
    const fresh = missing && type.createFrom ? type.createFrom(patch, context) : undefined;
    if (!fresh) throw err;
    fresh.metadata.name ??= name;
    if (fresh.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${fresh.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const result = await createObject(state, info, namespace, fresh, writeOptions);
    return { ...result, created: true };
  }
}

/** apimachinery `ValidatePatchOptions`: 422 on PatchOptions, as kube-apiserver answers. */
function checkPatchOptions(type: PatchType, options: PatchOptions): void {
  const causes = validatePatchOptions({
    patchType: type.contentType as PatchMediaType,
    fieldManager: options.fieldManager,
    force: options.force,
  });
  if (causes.length > 0) throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [...causes]);
}
