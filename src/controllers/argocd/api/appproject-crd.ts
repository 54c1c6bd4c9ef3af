import {
  array,
  boolean,
  customResourceDefinition,
  int64,
  map,
  object,
  resourceSchema,
  string,
  type CustomResourceDefinition,
  type Schema,
} from '../../index.ts';
import { ARGOCD_GROUP, argocdLabels } from './group.ts';

const strings = (): Schema => array(string());
const groupKind = (): Schema => object({ group: string(), kind: string() }, { required: ['group', 'kind'] });
const groupKindName = (): Schema =>
  object({ group: string(), kind: string(), name: string() }, { required: ['group', 'kind'] });
const jwtToken = (): Schema => object({ exp: int64(), iat: int64(), id: string() }, { required: ['iat'] });

function specSchema(): Schema {
  return object({
    clusterResourceBlacklist: array(groupKindName()),
    clusterResourceWhitelist: array(groupKindName()),
    description: string({ maxLength: 255 }),
    destinationServiceAccounts: array(
      object(
        { defaultServiceAccount: string(), namespace: string(), server: string() },
        { required: ['defaultServiceAccount', 'server'] },
      ),
    ),
    destinations: array(object({ name: string(), namespace: string(), server: string() })),
    namespaceResourceBlacklist: array(groupKind()),
    namespaceResourceWhitelist: array(groupKind()),
    orphanedResources: object({
      ignore: array(object({ group: string(), kind: string(), name: string() })),
      warn: boolean(),
    }),
    permitOnlyProjectScopedClusters: boolean(),
    roles: array(
      object(
        {
          description: string(),
          groups: strings(),
          jwtTokens: array(jwtToken()),
          name: string(),
          policies: strings(),
        },
        { required: ['name'] },
      ),
    ),
    signatureKeys: array(object({ keyID: string() }, { required: ['keyID'] })),
    sourceIntegrity: object(
      {
        git: object(
          {
            policies: array(
              object(
                {
                  gpg: object({ keys: strings(), mode: string() }, { required: ['keys', 'mode'] }),
                  repos: array(object({ url: string() }, { required: ['url'] })),
                },
                { required: ['gpg', 'repos'] },
              ),
            ),
          },
          { required: ['policies'] },
        ),
      },
      { required: ['git'] },
    ),
    sourceNamespaces: strings(),
    sourceRepos: strings(),
    syncWindows: array(
      object({
        andOperator: boolean(),
        applications: strings(),
        clusters: strings(),
        description: string(),
        duration: string(),
        kind: string(),
        manualSync: boolean(),
        namespaces: strings(),
        schedule: string(),
        syncOverrun: boolean(),
        timeZone: string(),
      }),
    ),
  });
}

/** `appprojects.argoproj.io`: no subresources and no printer columns, as in Argo CD. */
export function appProjectCrd(): CustomResourceDefinition {
  const status = object({ jwtTokensByRole: map(object({ items: array(jwtToken()) })) });
  return customResourceDefinition({
    group: ARGOCD_GROUP,
    kind: 'AppProject',
    plural: 'appprojects',
    shortNames: ['appproj', 'appprojs'],
    labels: argocdLabels('appprojects'),
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: resourceSchema(specSchema(), status, { required: ['metadata', 'spec'] }) },
      },
    ],
  });
}
