import { validateCreate, validateUpdate } from '../../kube/index.ts';
import { invalid } from '../errors.ts';
import type { AdmissionStep } from './types.ts';

/**
 * kube-apiserver's validation of the main resource, after defaulting: names, labels, required
 * fields and per-kind rules on create; the same plus immutable fields ("field is immutable") on
 * update. 422 Invalid listing every cause. Subresource writes change only status or replicas,
 * which their own steps check, so an object stored before a rule existed can still report status.
 */
export const builtinValidation: AdmissionStep = {
  name: 'object-validation',
  slot: 'validation',
  matches: (r) => r.operation !== 'DELETE' && r.subresource === '',
  admit(r) {
    const causes =
      r.operation === 'CREATE' ? validateCreate(r.object) : validateUpdate(r.object, r.oldObject!);
    if (causes.length > 0) throw invalid(r.resource, r.name, [...causes], r.namespace || undefined);
  },
};
