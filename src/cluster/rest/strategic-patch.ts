import type { KubeObject } from '../../core/index.ts';
import {
  isObject,
  schemaFor,
  strategicMergePatch as applyStrategicMergePatch,
  StrategicMergePatchError,
} from '../../kube/index.ts';
import { badRequest } from '../errors.ts';
import { schemaOfResource } from '../registry/schema-of.ts';
import { decodeJson } from './patch-decode.ts';
import type { PatchType } from './patch-types.ts';

/**
 * `application/strategic-merge-patch+json` for built-in kinds: lists merge by the merge keys of
 * the kind's Go types, directives (`$patch`, `$setElementOrder`, `$retainKeys`,
 * `$deleteFromPrimitiveList`) act and are never stored. Custom resources answer 415 (kubectl then
 * sends a merge patch). On `/scale` the patch applies to the autoscaling/v1 Scale.
 */
export const strategicMergePatch: PatchType = {
  contentType: 'application/strategic-merge-patch+json',
  customResources: false,
  decode: decodeJson,
  apply(current, patch, context) {
    if (!isObject(patch))
      throw badRequest('error decoding patch: a strategic merge patch must be a JSON object');
    const schema =
      schemaFor({ apiVersion: current.apiVersion, kind: current.kind }) ?? schemaOfResource(context.resource);
    try {
      return applyStrategicMergePatch(current, patch, schema) as KubeObject;
    } catch (err) {
      // apiserver `interpretStrategicMergePatchError`: malformed directives are the client's 400.
      if (err instanceof StrategicMergePatchError) throw badRequest(err.detail);
      throw err;
    }
  },
};
