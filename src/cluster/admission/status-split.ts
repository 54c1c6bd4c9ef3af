import type { KubeObject } from '../../core/index.ts';
import type { AdmissionStep } from './types.ts';

/**
 * For types with a status subresource, the main endpoint never writes status and `/status`
 * writes nothing but status (and managedFields): the object is rebuilt from the stored one.
 * A new object starts with no status (kind rules may then set an initial one), except Nodes,
 * whose status their kubelet sends on registration.
 */
export const statusSplit: AdmissionStep = {
  name: 'status-split',
  slot: 'strategy',
  matches: (r) => r.operation !== 'DELETE' && r.resource.subresources.status === true,
  admit(r) {
    if (r.operation === 'CREATE') {
      if (!(r.resource.group === '' && r.resource.kind === 'Node')) delete r.object.status;
      return;
    }
    const old = r.oldObject!;
    if (r.subresource === '') {
      // A copy: oldObject is the stored object, and later steps may default what they get.
      if (old.status === undefined) delete r.object.status;
      else r.object.status = structuredClone(old.status);
    } else if (r.subresource === 'status') {
      r.object = onlyStatusFrom(r.object, old);
    }
  },
};

function onlyStatusFrom(sent: KubeObject, old: KubeObject): KubeObject {
  const out = structuredClone(old);
  if (sent.status === undefined) delete out.status;
  else out.status = sent.status;
  if (sent.metadata.managedFields !== undefined) out.metadata.managedFields = sent.metadata.managedFields;
  else delete out.metadata.managedFields;
  // The precondition, if any, is the client's; the write path checks it against the stored one.
  if (sent.metadata.resourceVersion !== undefined)
    out.metadata.resourceVersion = sent.metadata.resourceVersion;
  return out;
}
