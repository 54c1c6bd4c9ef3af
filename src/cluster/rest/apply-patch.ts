import type { KubeObject } from '../../core/index.ts';
import {
  applyDefaults,
  applyServerSide,
  isObject,
  ManagedFieldsError,
  SsaBadRequestError,
  SsaConflictError,
  SsaInvalidError,
  type ApplyResult,
} from '../../kube/index.ts';
import { storedForm } from '../admission/defaulting.ts';
import { applySchemaDefaults } from '../crd/schema.ts';
import { ApiError, badRequest, unsupportedMediaType } from '../errors.ts';
import { resetFieldsOf, schemaOfResource } from '../registry/schema-of.ts';
import { decodeYaml } from './patch-decode.ts';
import type { PatchContext, PatchType } from './patch-types.ts';

/**
 * `application/apply-patch+yaml`: server-side apply. The configuration merges into the live
 * object by the schema's list and map types, fields this manager stopped sending go unless
 * another manager owns them, changes to fields others own are a 409 unless `force`, and the
 * result carries its `managedFields` (the write's `managed-fields` step leaves applies alone). A
 * missing object is created from the configuration. kubectl's manager `kubectl` gets the
 * client-side-apply migration rules (conflicts forgiven where the last-applied annotation agrees,
 * the annotation rewritten).
 */
export const applyPatch: PatchType = {
  contentType: 'application/apply-patch+yaml',
  customResources: true,
  readOnly: true,
  decode: decodeYaml,
  apply: (current, patch, context) => serverSideApply(current, patch, context).object,
  createFrom: (patch, context) => serverSideApply(undefined, patch, context).object,
};

function serverSideApply(live: KubeObject | undefined, patch: unknown, context: PatchContext): ApplyResult {
  const { resource, subresource } = context;
  if (subresource === 'scale') {
    // Apply to /scale needs managedFields converted between Scale and the parent: not done.
    throw unsupportedMediaType([
      'application/json-patch+json',
      'application/merge-patch+json',
      ...(resource.crd ? [] : ['application/strategic-merge-patch+json']),
    ]);
  }
  if (!isObject(patch)) throw badRequest('error decoding YAML: an applied configuration must be an object');
  const resetFields = resetFieldsOf(resource, subresource);
  try {
    return applyServerSide({
      live,
      config: patch as KubeObject,
      manager: context.fieldManager,
      force: context.force,
      subresource,
      expected: { apiVersion: resource.apiVersion, kind: resource.kind },
      schema: schemaOfResource(resource),
      ...(resetFields ? { resetFields } : {}),
      defaulter: resource.crd ? (o) => applySchemaDefaults(o, resource.crd!.schema) : defaulter,
      now: () => context.now,
    });
  } catch (err) {
    throw applyFailure(err);
  }
}

/**
 * What the merge result of a built-in goes through before it is compared with the live object;
 * custom resources get their CRD schema's defaults.
 */
function defaulter(obj: KubeObject): void {
  storedForm(obj);
  applyDefaults(obj);
}

/** The Status kube-apiserver answers an apply failure with. */
function applyFailure(err: unknown): unknown {
  if (err instanceof SsaConflictError) {
    return new ApiError({
      message: err.statusMessage,
      reason: 'Conflict',
      details: { causes: err.causes.map((c) => ({ reason: c.type, message: c.message, field: c.field })) },
      code: 409,
    });
  }
  if (err instanceof SsaBadRequestError) return badRequest(err.statusMessage);
  // Upstream these are plain errors, which the API turns into a 500 with no reason.
  if (err instanceof SsaInvalidError) return new ApiError({ message: err.statusMessage, code: 500 });
  if (err instanceof ManagedFieldsError) return new ApiError({ message: err.message, code: 500 });
  return err;
}
