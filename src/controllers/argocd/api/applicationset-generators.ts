/**
 * ApplicationSet generators (Argo CD's `applicationset_types.go`): each produces parameter sets
 * that fill the template. Exactly one generator field is set per entry, plus an optional
 * post-`selector`. Matrix and merge nest other generators one level deep; deeper levels are kept
 * as sent (JSON), as in Argo CD's schema.
 */
import type { ApplicationSetTemplate } from './applicationset.ts';

export interface ApplicationSetGenerator {
  list?: ListGenerator;
  clusters?: ClusterGenerator;
  git?: GitGenerator;
  scmProvider?: ScmProviderGenerator;
  clusterDecisionResource?: DuckTypeGenerator;
  pullRequest?: PullRequestGenerator;
  matrix?: MatrixGenerator;
  merge?: MergeGenerator;
  plugin?: PluginGenerator;
  /** Keeps only the parameter sets whose values match. */
  selector?: LabelSelector;
}

/** A generator inside matrix/merge: the same, but its own matrix/merge are raw JSON. */
export type NestedGenerator = Omit<ApplicationSetGenerator, 'matrix' | 'merge'> & {
  matrix?: Record<string, unknown>;
  merge?: Record<string, unknown>;
};

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Every generator may carry its own template (merged over the spec's) and extra `values`. */
interface GeneratorCommon {
  template?: ApplicationSetTemplate;
}

export interface ListGenerator extends GeneratorCommon {
  /** Arbitrary JSON objects, one parameter set each. */
  elements?: unknown[];
  /** The elements as a YAML/JSON list in one string (may itself be templated). */
  elementsYaml?: string;
}

export interface ClusterGenerator extends GeneratorCommon {
  selector?: LabelSelector;
  values?: Record<string, string>;
  flatList?: boolean;
}

export interface GitGenerator extends GeneratorCommon {
  repoURL: string;
  revision: string;
  directories?: GitPathItem[];
  files?: GitPathItem[];
  requeueAfterSeconds?: number;
  pathParamPrefix?: string;
  values?: Record<string, string>;
}

export interface GitPathItem {
  path: string;
  exclude?: boolean;
}

export interface MatrixGenerator extends GeneratorCommon {
  generators: NestedGenerator[];
}

export interface MergeGenerator extends GeneratorCommon {
  generators: NestedGenerator[];
  mergeKeys: string[];
}

export interface DuckTypeGenerator extends GeneratorCommon {
  configMapRef: string;
  name?: string;
  labelSelector?: LabelSelector;
  requeueAfterSeconds?: number;
  values?: Record<string, string>;
}

export interface PluginGenerator extends GeneratorCommon {
  configMapRef: { name: string };
  input?: { parameters?: Record<string, unknown> };
  requeueAfterSeconds?: number;
  values?: Record<string, string>;
}

/** A key of a Secret (`secretName`/`key`). */
export interface SecretRef {
  secretName: string;
  key: string;
}

export interface ConfigMapKeyRef {
  configMapName: string;
  key: string;
}

export interface BasicAuth {
  username: string;
  passwordRef: SecretRef;
}

export interface ScmProviderGenerator extends GeneratorCommon {
  github?: {
    organization: string;
    api?: string;
    tokenRef?: SecretRef;
    appSecretName?: string;
    allBranches?: boolean;
    excludeArchivedRepos?: boolean;
  };
  gitlab?: {
    group: string;
    includeSubgroups?: boolean;
    api?: string;
    tokenRef?: SecretRef;
    allBranches?: boolean;
    insecure?: boolean;
    includeSharedProjects?: boolean;
    topic?: string;
    caRef?: ConfigMapKeyRef;
    includeArchivedRepos?: boolean;
  };
  bitbucket?: { owner: string; user: string; appPasswordRef: SecretRef; allBranches?: boolean };
  bitbucketServer?: {
    project: string;
    api: string;
    basicAuth?: BasicAuth;
    bearerToken?: { tokenRef: SecretRef };
    allBranches?: boolean;
    insecure?: boolean;
    caRef?: ConfigMapKeyRef;
  };
  gitea?: {
    owner: string;
    api: string;
    tokenRef?: SecretRef;
    allBranches?: boolean;
    insecure?: boolean;
    excludeArchivedRepos?: boolean;
  };
  azureDevOps?: {
    organization: string;
    api?: string;
    teamProject: string;
    accessTokenRef: SecretRef;
    allBranches?: boolean;
  };
  awsCodeCommit?: {
    tagFilters?: { key: string; value?: string }[];
    role?: string;
    region?: string;
    allBranches?: boolean;
  };
  filters?: {
    repositoryMatch?: string;
    pathsExist?: string[];
    pathsDoNotExist?: string[];
    labelMatch?: string;
    branchMatch?: string;
  }[];
  /** `https` or `ssh` (the default). */
  cloneProtocol?: string;
  requeueAfterSeconds?: number;
  values?: Record<string, string>;
}

export interface PullRequestGenerator extends GeneratorCommon {
  github?: {
    owner: string;
    repo: string;
    api?: string;
    tokenRef?: SecretRef;
    appSecretName?: string;
    labels?: string[];
  };
  gitlab?: {
    project: string;
    api?: string;
    tokenRef?: SecretRef;
    labels?: string[];
    pullRequestState?: string;
    insecure?: boolean;
    caRef?: ConfigMapKeyRef;
  };
  gitea?: {
    owner: string;
    repo: string;
    api: string;
    tokenRef?: SecretRef;
    insecure?: boolean;
    labels?: string[];
  };
  bitbucketServer?: {
    project: string;
    repo: string;
    api: string;
    basicAuth?: BasicAuth;
    bearerToken?: { tokenRef: SecretRef };
    insecure?: boolean;
    caRef?: ConfigMapKeyRef;
  };
  bitbucket?: {
    owner: string;
    repo: string;
    api?: string;
    basicAuth?: BasicAuth;
    bearerToken?: { tokenRef: SecretRef };
  };
  azuredevops?: {
    organization: string;
    project: string;
    repo: string;
    api?: string;
    tokenRef?: SecretRef;
    labels?: string[];
  };
  filters?: { branchMatch?: string; targetBranchMatch?: string; titleMatch?: string }[];
  /** Poll interval; 30 minutes when unset. */
  requeueAfterSeconds?: number;
  values?: Record<string, string>;
  continueOnRepoNotFoundError?: boolean;
}
