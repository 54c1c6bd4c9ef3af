import { goDecodeError, schemaFor } from '../../kube/index.ts';
import { badRequest } from '../errors.ts';
import type { AdmissionStep } from './types.ts';

/**
 * Values of the wrong JSON type in built-in kinds, refused first as kube-apiserver's decoder
 * refuses them before anything else runs: a POST or PUT body gets the handler's wrapping
 * (`ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal …`),
 * a patch whose result does not decode gets the decoder's words alone. Custom resources are
 * the `custom-resource-schema` step's (their OpenAPI validation says it in its own words).
 */
export const goTypes: AdmissionStep = {
  name: 'go-types',
  slot: 'strategy',
  matches: (r) => r.operation !== 'DELETE' && r.resource.crd === undefined,
  admit(r) {
    const schema = schemaFor({ apiVersion: r.resource.apiVersion, kind: r.resource.kind });
    const problem = schema ? goDecodeError(r.object, schema) : undefined;
    if (!problem) return;
    const { kind, version } = r.resource;
    throw badRequest(
      r.patchType === undefined
        ? `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${problem}`
        : problem,
    );
  },
};
