import { customResourceDefinition, type CustomResourceDefinition } from '../../index.ts';
import { applicationSchema } from './application-schema.ts';
import { ARGOCD_GROUP, argocdLabels } from './group.ts';

/**
 * `applications.argoproj.io`: Argo CD's names, short names and printer columns. No status
 * subresource, as in Argo CD: the controller writes `status` (and clears `operation`) with a
 * normal update of the whole object.
 */
export function applicationCrd(): CustomResourceDefinition {
  return customResourceDefinition({
    group: ARGOCD_GROUP,
    kind: 'Application',
    plural: 'applications',
    shortNames: ['app', 'apps'],
    labels: argocdLabels('applications'),
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: applicationSchema() },
        subresources: {},
        additionalPrinterColumns: [
          { name: 'Sync Status', type: 'string', jsonPath: '.status.sync.status' },
          { name: 'Health Status', type: 'string', jsonPath: '.status.health.status' },
          { name: 'Revision', type: 'string', jsonPath: '.status.sync.revision', priority: 10 },
          { name: 'Project', type: 'string', jsonPath: '.spec.project', priority: 10 },
        ],
      },
    ],
  });
}
