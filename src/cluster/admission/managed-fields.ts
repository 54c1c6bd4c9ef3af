import { trackUpdate } from '../../kube/index.ts';
import { resetFieldsOf, schemaOfResource } from '../registry/schema-of.ts';
import type { AdmissionStep } from './types.ts';

const APPLY = 'application/apply-patch+yaml';

/**
 * Field ownership for every write that is not an apply (applies record theirs while merging):
 * create, update, JSON/merge/strategic patches, `/status`, `/scale` — an `Update` entry for the
 * request's manager taking what changed, after defaulting, so it owns the defaults as a real
 * server's entries do. A write may replace the entries (kubectl's move to server-side apply) or
 * clear them (`[{}]`); writes to a subresource keep the stored ones.
 */
export const managedFields: AdmissionStep = {
  name: 'managed-fields',
  slot: 'managedFields',
  matches: (r) => r.operation !== 'DELETE' && r.patchType !== APPLY,
  admit(r) {
    const resetFields = resetFieldsOf(r.resource, r.subresource);
    r.object = trackUpdate({
      live: r.oldObject,
      object: r.object,
      manager: r.fieldManager,
      subresource: r.subresource,
      schema: schemaOfResource(r.resource),
      ...(resetFields ? { resetFields } : {}),
      now: () => r.now,
    }).object;
  },
};
