/**
 * Schemas of ApplicationSet generators, structured as Argo CD's: every generator typed, its
 * `template` a full Application template, list `elements` kept as sent, and matrix/merge nested
 * one level (below that they are kept as sent, untyped, exactly as Argo CD's CRD has them).
 */
import { anyValue, array, boolean, int64, map, object, string, type Schema } from '../../index.ts';
import { templateSchema } from './applicationset-template-schema.ts';

const strings = (): Schema => array(string());
const secretRef = (): Schema =>
  object({ key: string(), secretName: string() }, { required: ['key', 'secretName'] });
const caRef = (): Schema =>
  object({ configMapName: string(), key: string() }, { required: ['configMapName', 'key'] });
const basicAuth = (): Schema =>
  object({ passwordRef: secretRef(), username: string() }, { required: ['passwordRef', 'username'] });
const bearerToken = (): Schema => object({ tokenRef: secretRef() }, { required: ['tokenRef'] });

/** `metav1.LabelSelector` as controller-gen marks it (atomic). */
export function labelSelectorSchema(): Schema {
  return object(
    {
      matchExpressions: array(
        object(
          { key: string(), operator: string(), values: array(string(), { listType: 'atomic' }) },
          { required: ['key', 'operator'] },
        ),
        { listType: 'atomic' },
      ),
      matchLabels: map(),
    },
    { mapType: 'atomic' },
  );
}

/** A generator's own fields plus the optional `template` every generator may carry. */
const generator = (fields: Record<string, Schema>, required?: string[]): Schema =>
  object({ ...fields, template: templateSchema() }, { required });

function scmProviderSchema(): Schema {
  return generator({
    awsCodeCommit: object({
      allBranches: boolean(),
      region: string(),
      role: string(),
      tagFilters: array(object({ key: string(), value: string() }, { required: ['key'] })),
    }),
    azureDevOps: object(
      {
        accessTokenRef: secretRef(),
        allBranches: boolean(),
        api: string(),
        organization: string(),
        teamProject: string(),
      },
      { required: ['accessTokenRef', 'organization', 'teamProject'] },
    ),
    bitbucket: object(
      { allBranches: boolean(), appPasswordRef: secretRef(), owner: string(), user: string() },
      { required: ['appPasswordRef', 'owner', 'user'] },
    ),
    bitbucketServer: object(
      {
        allBranches: boolean(),
        api: string(),
        basicAuth: basicAuth(),
        bearerToken: bearerToken(),
        caRef: caRef(),
        insecure: boolean(),
        project: string(),
      },
      { required: ['api', 'project'] },
    ),
    cloneProtocol: string(),
    filters: array(
      object({
        branchMatch: string(),
        labelMatch: string(),
        pathsDoNotExist: strings(),
        pathsExist: strings(),
        repositoryMatch: string(),
      }),
    ),
    gitea: object(
      {
        allBranches: boolean(),
        api: string(),
        excludeArchivedRepos: boolean(),
        insecure: boolean(),
        owner: string(),
        tokenRef: secretRef(),
      },
      { required: ['api', 'owner'] },
    ),
    github: object(
      {
        allBranches: boolean(),
        api: string(),
        appSecretName: string(),
        excludeArchivedRepos: boolean(),
        organization: string(),
        tokenRef: secretRef(),
      },
      { required: ['organization'] },
    ),
    gitlab: object(
      {
        allBranches: boolean(),
        api: string(),
        caRef: caRef(),
        group: string(),
        includeArchivedRepos: boolean(),
        includeSharedProjects: boolean(),
        includeSubgroups: boolean(),
        insecure: boolean(),
        tokenRef: secretRef(),
        topic: string(),
      },
      { required: ['group'] },
    ),
    requeueAfterSeconds: int64(),
    values: map(),
  });
}

function pullRequestSchema(): Schema {
  return generator({
    azuredevops: object(
      {
        api: string(),
        labels: strings(),
        organization: string(),
        project: string(),
        repo: string(),
        tokenRef: secretRef(),
      },
      { required: ['organization', 'project', 'repo'] },
    ),
    bitbucket: object(
      { api: string(), basicAuth: basicAuth(), bearerToken: bearerToken(), owner: string(), repo: string() },
      { required: ['owner', 'repo'] },
    ),
    bitbucketServer: object(
      {
        api: string(),
        basicAuth: basicAuth(),
        bearerToken: bearerToken(),
        caRef: caRef(),
        insecure: boolean(),
        project: string(),
        repo: string(),
      },
      { required: ['api', 'project', 'repo'] },
    ),
    continueOnRepoNotFoundError: boolean(),
    filters: array(object({ branchMatch: string(), targetBranchMatch: string(), titleMatch: string() })),
    gitea: object(
      {
        api: string(),
        insecure: boolean(),
        labels: strings(),
        owner: string(),
        repo: string(),
        tokenRef: secretRef(),
      },
      { required: ['api', 'owner', 'repo'] },
    ),
    github: object(
      {
        api: string(),
        appSecretName: string(),
        labels: strings(),
        owner: string(),
        repo: string(),
        tokenRef: secretRef(),
      },
      { required: ['owner', 'repo'] },
    ),
    gitlab: object(
      {
        api: string(),
        caRef: caRef(),
        insecure: boolean(),
        labels: strings(),
        project: string(),
        pullRequestState: string(),
        tokenRef: secretRef(),
      },
      { required: ['project'] },
    ),
    requeueAfterSeconds: int64(),
    values: map(),
  });
}

/** The generators every level has (all but matrix and merge). */
function leafGenerators(): Record<string, Schema> {
  const pathItem = () => object({ exclude: boolean(), path: string() }, { required: ['path'] });
  return {
    clusterDecisionResource: generator(
      {
        configMapRef: string(),
        labelSelector: labelSelectorSchema(),
        name: string(),
        requeueAfterSeconds: int64(),
        values: map(),
      },
      ['configMapRef'],
    ),
    clusters: generator({ flatList: boolean(), selector: labelSelectorSchema(), values: map() }),
    git: generator(
      {
        directories: array(pathItem()),
        files: array(pathItem()),
        pathParamPrefix: string(),
        repoURL: string(),
        requeueAfterSeconds: int64(),
        revision: string(),
        values: map(),
      },
      ['repoURL', 'revision'],
    ),
    list: generator({ elements: array(anyValue()), elementsYaml: string() }),
    plugin: generator(
      {
        configMapRef: object({ name: string() }, { required: ['name'] }),
        input: object({ parameters: map(anyValue()) }),
        requeueAfterSeconds: int64(),
        values: map(),
      },
      ['configMapRef'],
    ),
    pullRequest: pullRequestSchema(),
    scmProvider: scmProviderSchema(),
    selector: labelSelectorSchema(),
  };
}

/** A generator inside matrix/merge: its own matrix and merge are kept as sent. */
function nestedGeneratorSchema(): Schema {
  return object({ ...leafGenerators(), matrix: anyValue(), merge: anyValue() });
}

export function generatorSchema(): Schema {
  const nested = () => array(nestedGeneratorSchema());
  return object({
    ...leafGenerators(),
    matrix: generator({ generators: nested() }, ['generators']),
    merge: generator({ generators: nested(), mergeKeys: strings() }, ['generators', 'mergeKeys']),
  });
}
