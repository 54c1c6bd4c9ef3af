import type { AdmissionStep } from '../admission/types.ts';
import { badRequest, invalid } from '../errors.ts';
import { applySchema } from './schema.ts';

/**
 * Custom resources against their CRD version's schema: unknown fields are pruned (refused with
 * 400 under `fieldValidation=Strict`, warned about under `Warn`), defaults applied, and
 * violations refused with 422 Invalid listing every failed field.
 */
export const customResourceSchema: AdmissionStep = {
  name: 'custom-resource-schema',
  slot: 'schema',
  matches: (r) => r.operation !== 'DELETE' && r.resource.crd !== undefined,
  admit(r) {
    const { unknownFields, errors } = applySchema(r.object, r.resource.crd!.schema);
    if (unknownFields.length > 0) {
      const list = unknownFields.map((f) => `unknown field ${JSON.stringify(f)}`);
      if (r.fieldValidation === 'Strict') {
        throw badRequest(
          `${r.resource.kind} in version ${JSON.stringify(r.resource.version)} cannot be handled as a ${r.resource.kind}: strict decoding error: ${list.join(', ')}`,
        );
      }
      if (r.fieldValidation === 'Warn') r.warnings.push(...list);
    }
    if (errors.length > 0) throw invalid(r.resource, r.name, errors, r.namespace || undefined);
  },
};
