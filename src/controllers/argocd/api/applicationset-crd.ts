import {
  array,
  boolean,
  customResourceDefinition,
  dateTime,
  int64,
  intOrString,
  object,
  resourceSchema,
  string,
  type CustomResourceDefinition,
  type Schema,
} from '../../index.ts';
import { resourceStatusSchema } from './application-schema.ts';
import { generatorSchema } from './applicationset-generators-schema.ts';
import { templateSchema } from './applicationset-template-schema.ts';
import { ARGOCD_GROUP, argocdLabels } from './group.ts';

const strings = (): Schema => array(string());

function specSchema(): Schema {
  return object(
    {
      applyNestedSelectors: boolean(),
      generators: array(generatorSchema()),
      goTemplate: boolean(),
      goTemplateOptions: strings(),
      ignoreApplicationDifferences: array(
        object({ jqPathExpressions: strings(), jsonPointers: strings(), name: string() }),
      ),
      preservedFields: object({ annotations: strings(), labels: strings() }),
      strategy: object({
        deletionOrder: string(),
        rollingSync: object({
          steps: array(
            object({
              matchExpressions: array(object({ key: string(), operator: string(), values: strings() })),
              maxUpdate: intOrString(),
            }),
          ),
        }),
        type: string(),
      }),
      syncPolicy: object({
        applicationsSync: string({ enum: ['create-only', 'create-update', 'create-delete', 'sync'] }),
        preserveResourcesOnDeletion: boolean(),
      }),
      template: templateSchema(),
      templatePatch: string(),
    },
    { required: ['generators', 'template'] },
  );
}

function statusSchema(): Schema {
  return object({
    applicationStatus: array(
      object(
        {
          application: string(),
          lastTransitionTime: dateTime(),
          message: string(),
          status: string(),
          step: string(),
          targetRevisions: strings(),
        },
        { required: ['application', 'message', 'status', 'step', 'targetRevisions'] },
      ),
    ),
    conditions: array(
      object(
        {
          lastTransitionTime: dateTime(),
          message: string(),
          reason: string(),
          status: string(),
          type: string(),
        },
        { required: ['message', 'reason', 'status', 'type'] },
      ),
    ),
    health: object({ lastTransitionTime: dateTime(), message: string(), status: string() }),
    resources: array(resourceStatusSchema()),
    resourcesCount: int64(),
  });
}

/** `applicationsets.argoproj.io`: Argo CD's names and its status subresource; no printer columns. */
export function applicationSetCrd(): CustomResourceDefinition {
  return customResourceDefinition({
    group: ARGOCD_GROUP,
    kind: 'ApplicationSet',
    plural: 'applicationsets',
    shortNames: ['appset', 'appsets'],
    labels: argocdLabels('applicationsets'),
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: resourceSchema(specSchema(), statusSchema(), { required: ['metadata', 'spec'] }),
        },
        subresources: { status: {} },
      },
    ],
  });
}
