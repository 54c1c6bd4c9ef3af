import { forbidden, notFound } from '../errors.ts';
import type { AdmissionStep } from './types.ts';

/** Namespaces that exist from the start and cannot be deleted. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;
const UNDELETABLE = new Set(['default', 'kube-system', 'kube-public']);

/**
 * NamespaceLifecycle admission: nothing is created in a namespace that does not exist or is
 * being deleted, and the system namespaces cannot be deleted.
 */
export const namespaceLifecycle: AdmissionStep = {
  name: 'namespace-lifecycle',
  slot: 'namespace',
  admit(r) {
    if (r.operation === 'DELETE') {
      if (r.resource.group === '' && r.resource.kind === 'Namespace' && UNDELETABLE.has(r.name)) {
        throw forbidden(`namespaces "${r.name}" is forbidden: this namespace may not be deleted`, {
          name: r.name,
          kind: 'namespaces',
        });
      }
      return;
    }
    if (r.operation !== 'CREATE' || !r.resource.namespaced) return;
    const ns = r.reader.get('v1', 'Namespace', '', r.namespace);
    if (!ns) throw notFound({ group: '', plural: 'namespaces', kind: 'Namespace' }, r.namespace);
    if (
      ns.metadata.deletionTimestamp ||
      (ns.status as { phase?: string } | undefined)?.phase === 'Terminating'
    ) {
      throw forbidden(
        `${r.resource.group ? `${r.resource.plural}.${r.resource.group}` : r.resource.plural} "${r.name}" is forbidden: unable to create new content in namespace ${r.namespace} because it is being terminated`,
        {
          name: r.name,
          group: r.resource.group,
          kind: r.resource.plural,
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${r.namespace} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      );
    }
  },
};
