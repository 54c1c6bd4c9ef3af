/** CustomResourceDefinitions the cluster suites share. */
import type { KubeObject } from '../../src/core/index.ts';

/** `crontabs.<group>`: the Kubernetes docs' CronTab, with status/scale, printer columns and a schema. */
export function cronTabCrd(group = 'stable.example.com', extraVersions: object[] = []): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `crontabs.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: {
        plural: 'crontabs',
        singular: 'crontab',
        kind: 'CronTab',
        shortNames: ['ct'],
        categories: ['all'],
      },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: {
            status: {},
            scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
          },
          additionalPrinterColumns: [
            { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
            { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
            { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
          selectableFields: [{ jsonPath: '.spec.image' }],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  required: ['cronSpec'],
                  properties: {
                    cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
                    image: { type: 'string', default: 'busybox' },
                    replicas: { type: 'integer', minimum: 0, maximum: 10 },
                  },
                },
                status: {
                  type: 'object',
                  properties: { replicas: { type: 'integer' }, lastRun: { type: 'string' } },
                },
              },
            },
          },
        },
        ...extraVersions,
      ],
    },
  };
}

export function cronTab(
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  apiVersion = 'stable.example.com/v1',
): KubeObject & { metadata: { name: string; namespace: string } } {
  return { apiVersion, kind: 'CronTab', metadata: { name, namespace }, spec };
}
