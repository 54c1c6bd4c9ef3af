/**
 * One object of each kind with every field the types declare set, for the tests that check the
 * types and the CRD schemas agree (every field here must be declared by the schema).
 */
import type { Application } from '../application.ts';
import type { ApplicationSource } from '../source.ts';
import type { AppProject } from '../appproject.ts';
import type { ApplicationSet, ApplicationSetTemplate } from '../applicationset.ts';
import type { ApplicationSetGenerator } from '../applicationset-generators.ts';

export const fullSource: ApplicationSource = {
  repoURL: 'https://github.com/example/charts.git',
  path: 'charts/web',
  targetRevision: 'v1.2.3',
  chart: 'web',
  ref: 'values',
  name: 'web',
  tagPrefix: 'web-',
  helm: {
    valueFiles: ['values.yaml', '$values/prod.yaml'],
    parameters: [{ name: 'image.tag', value: '1.0', forceString: true }],
    fileParameters: [{ name: 'config', path: 'files/config.json' }],
    releaseName: 'web',
    values: 'replicas: 2\n',
    valuesObject: { replicas: 3, nested: { list: [1, 'two', { three: true }] } },
    version: 'v3',
    passCredentials: false,
    ignoreMissingValueFiles: true,
    skipCrds: true,
    skipSchemaValidation: true,
    skipTests: true,
    namespace: 'web',
    kubeVersion: '1.31.0',
    apiVersions: ['monitoring.coreos.com/v1'],
  },
  kustomize: {
    namePrefix: 'p-',
    nameSuffix: '-s',
    images: ['nginx=nginx:1.27'],
    commonLabels: { team: 'a' },
    commonAnnotations: { note: 'x' },
    commonAnnotationsEnvsubst: true,
    forceCommonLabels: true,
    forceCommonAnnotations: true,
    labelWithoutSelector: true,
    labelIncludeTemplates: true,
    namespace: 'web',
    replicas: [
      { name: 'web', count: 3 },
      { name: 'api', count: '2' },
    ],
    patches: [
      {
        patch: '- op: replace\n  path: /spec/replicas\n  value: 1\n',
        target: {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          name: 'web',
          namespace: 'web',
          labelSelector: 'a=b',
          annotationSelector: 'c=d',
        },
        options: { allowNameChange: true },
      },
      { path: 'patch.yaml' },
    ],
    components: ['../components/x'],
    ignoreMissingComponents: true,
    version: 'v5',
    kubeVersion: '1.31.0',
    apiVersions: ['v1'],
  },
  directory: {
    recurse: true,
    jsonnet: {
      extVars: [{ name: 'a', value: 'b', code: false }],
      tlas: [{ name: 'c', value: '1', code: true }],
      libs: ['vendor'],
    },
    exclude: '{config.json,env-*}',
    include: '*.yaml',
    disableExtensionFilter: true,
  },
  plugin: {
    name: 'cmp',
    env: [{ name: 'FOO', value: 'bar' }],
    parameters: [
      { name: 's', string: 'v' },
      { name: 'a', array: ['1'] },
      { name: 'm', map: { k: 'v' } },
    ],
  },
};

export const fullApplication: Application = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'web', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
  spec: {
    project: 'default',
    source: fullSource,
    sources: [
      fullSource,
      { repoURL: 'https://github.com/example/values.git', ref: 'values', targetRevision: 'main' },
    ],
    sourceHydrator: {
      drySource: {
        repoURL: 'https://github.com/example/dry.git',
        targetRevision: 'main',
        path: 'app',
        helm: { releaseName: 'x' },
      },
      syncSource: {
        targetBranch: 'env/prod',
        path: 'app',
        repoURL: 'https://github.com/example/hydrated.git',
      },
      hydrateTo: { targetBranch: 'env/prod-next' },
    },
    destination: { server: 'https://kubernetes.default.svc', name: 'in-cluster', namespace: 'web' },
    syncPolicy: {
      automated: { prune: true, selfHeal: true, allowEmpty: false, enabled: true },
      syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
      retry: { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' }, refresh: true },
      managedNamespaceMetadata: { labels: { team: 'a' }, annotations: { note: 'x' } },
    },
    ignoreDifferences: [
      {
        group: 'apps',
        kind: 'Deployment',
        name: 'web',
        namespace: 'web',
        jsonPointers: ['/spec/replicas'],
        jqPathExpressions: ['.spec.x'],
        managedFieldsManagers: ['kube-controller-manager'],
      },
    ],
    info: [{ name: 'Owner', value: 'team-a' }],
    revisionHistoryLimit: 3,
  },
  operation: {
    sync: {
      revision: 'abc',
      revisions: ['abc', 'def'],
      prune: true,
      dryRun: false,
      syncStrategy: { apply: { force: true }, hook: { force: false } },
      resources: [{ group: 'apps', kind: 'Deployment', name: 'web', namespace: 'web' }],
      source: fullSource,
      sources: [fullSource],
      manifests: ['apiVersion: v1\nkind: ConfigMap\n'],
      syncOptions: ['Validate=false'],
      autoHealAttemptsCount: 1,
    },
    initiatedBy: { username: 'admin', automated: false },
    info: [{ name: 'Reason', value: 'test' }],
    retry: { limit: 2 },
  },
  status: {
    resources: [
      {
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        namespace: 'web',
        name: 'web',
        status: 'Synced',
        health: { status: 'Healthy', message: 'ok', lastTransitionTime: '2026-01-01T00:00:00Z' },
        hook: false,
        requiresPruning: false,
        syncWave: -1,
        requiresDeletionConfirmation: false,
      },
    ],
    sync: {
      status: 'Synced',
      comparedTo: {
        source: fullSource,
        sources: [fullSource],
        destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
        ignoreDifferences: [{ kind: 'Service' }],
      },
      revision: 'abc',
      revisions: ['abc'],
    },
    health: { status: 'Healthy', lastTransitionTime: '2026-01-01T00:00:00Z' },
    history: [
      {
        id: 1,
        revision: 'abc',
        revisions: ['abc'],
        source: fullSource,
        sources: [fullSource],
        deployedAt: '2026-01-01T00:00:00Z',
        deployStartedAt: '2026-01-01T00:00:00Z',
        initiatedBy: { automated: true },
      },
    ],
    conditions: [
      { type: 'OrphanedResourceWarning', message: 'orphans', lastTransitionTime: '2026-01-01T00:00:00Z' },
    ],
    reconciledAt: '2026-01-01T00:00:00Z',
    operationState: {
      operation: { sync: { revision: 'abc' }, initiatedBy: { username: 'admin' }, retry: { limit: 1 } },
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      syncResult: {
        resources: [
          {
            group: 'batch',
            version: 'v1',
            kind: 'Job',
            namespace: 'web',
            name: 'migrate',
            status: 'Synced',
            message: 'job created',
            hookType: 'PreSync',
            hookPhase: 'Succeeded',
            syncPhase: 'PreSync',
            images: ['migrate:1'],
          },
        ],
        revision: 'abc',
        revisions: ['abc'],
        source: fullSource,
        sources: [fullSource],
        managedNamespaceMetadata: { labels: { a: 'b' } },
      },
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:00:05Z',
      retryCount: 0,
    },
    observedAt: '2026-01-01T00:00:00Z',
    sourceType: 'Helm',
    sourceTypes: ['Helm', 'Kustomize'],
    summary: { externalURLs: ['https://web.example.com'], images: ['nginx:1.27'], isAppOfApps: false },
    resourceHealthSource: 'appTree',
    controllerNamespace: 'argocd',
    sourceHydrator: {
      lastSuccessfulOperation: {
        drySHA: 'a',
        hydratedSHA: 'b',
        sourceHydrator: {
          drySource: { repoURL: 'r', targetRevision: 'main', path: '.' },
          syncSource: { targetBranch: 'env', path: 'p' },
        },
      },
      currentOperation: {
        startedAt: '2026-01-01T00:00:00Z',
        finishedAt: '2026-01-01T00:00:01Z',
        phase: 'Hydrated',
        message: 'done',
        drySHA: 'a',
        hydratedSHA: 'b',
      },
      lastComparedDryRevision: 'a',
    },
  },
};

export const fullProject: AppProject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name: 'prod', namespace: 'argocd' },
  spec: {
    sourceRepos: ['https://github.com/example/*', '!https://github.com/example/secret'],
    destinations: [{ server: 'https://kubernetes.default.svc', name: 'in-cluster', namespace: 'prod-*' }],
    description: 'Production',
    roles: [
      {
        name: 'ci',
        description: 'CI',
        policies: ['p, proj:prod:ci, applications, sync, prod/*, allow'],
        jwtTokens: [{ iat: 1, exp: 2, id: 'x' }],
        groups: ['ci'],
      },
    ],
    clusterResourceWhitelist: [{ group: '', kind: 'Namespace', name: 'prod-*' }],
    clusterResourceBlacklist: [{ group: 'rbac.authorization.k8s.io', kind: '*' }],
    namespaceResourceWhitelist: [{ group: '*', kind: '*' }],
    namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }],
    orphanedResources: { warn: true, ignore: [{ group: '', kind: 'ConfigMap', name: 'kube-root-ca.crt' }] },
    syncWindows: [
      {
        kind: 'deny',
        schedule: '0 22 * * *',
        duration: '1h',
        applications: ['*'],
        namespaces: ['prod'],
        clusters: ['in-cluster'],
        manualSync: true,
        timeZone: 'UTC',
        andOperator: false,
        description: 'nightly',
        syncOverrun: true,
      },
    ],
    signatureKeys: [{ keyID: 'ABCDEF' }],
    sourceIntegrity: {
      git: {
        policies: [
          { repos: [{ url: 'https://github.com/example/*' }], gpg: { mode: 'head', keys: ['ABCDEF'] } },
        ],
      },
    },
    sourceNamespaces: ['team-*'],
    permitOnlyProjectScopedClusters: false,
    destinationServiceAccounts: [
      { server: 'https://kubernetes.default.svc', namespace: 'prod', defaultServiceAccount: 'deployer' },
    ],
  },
  status: { jwtTokensByRole: { ci: { items: [{ iat: 1, exp: 2, id: 'x' }] } } },
};

const template: ApplicationSetTemplate = {
  metadata: {
    name: '{{name}}-web',
    namespace: 'argocd',
    labels: { a: 'b' },
    annotations: { c: 'd' },
    finalizers: ['resources-finalizer.argocd.argoproj.io'],
  },
  spec: { project: 'default', source: fullSource, destination: { server: '{{server}}', namespace: 'web' } },
};

const secretRef = { secretName: 'token', key: 'token' };
const generators: ApplicationSetGenerator[] = [
  {
    list: {
      elements: [{ cluster: 'dev', url: 'https://dev', nested: { a: [1] } }],
      elementsYaml: '- a: b',
      template,
    },
  },
  {
    clusters: {
      selector: {
        matchLabels: { env: 'prod' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['1'] }],
      },
      values: { region: '{{metadata.labels.region}}' },
      flatList: true,
      template,
    },
  },
  {
    git: {
      repoURL: 'https://github.com/example/apps.git',
      revision: 'main',
      directories: [{ path: 'apps/*' }, { path: 'apps/legacy', exclude: true }],
      files: [{ path: 'config/*.json' }],
      requeueAfterSeconds: 180,
      pathParamPrefix: 'p',
      values: { a: 'b' },
      template,
    },
  },
  {
    scmProvider: {
      github: {
        organization: 'example',
        api: 'https://api.github.com',
        tokenRef: secretRef,
        appSecretName: 'app',
        allBranches: true,
        excludeArchivedRepos: true,
      },
      gitlab: {
        group: 'g',
        includeSubgroups: true,
        api: 'https://gitlab.com',
        tokenRef: secretRef,
        allBranches: true,
        insecure: false,
        includeSharedProjects: true,
        topic: 't',
        caRef: { configMapName: 'ca', key: 'ca.crt' },
        includeArchivedRepos: false,
      },
      bitbucket: { owner: 'o', user: 'u', appPasswordRef: secretRef, allBranches: true },
      bitbucketServer: {
        project: 'p',
        api: 'https://bb',
        basicAuth: { username: 'u', passwordRef: secretRef },
        bearerToken: { tokenRef: secretRef },
        allBranches: true,
        insecure: true,
        caRef: { configMapName: 'ca', key: 'k' },
      },
      gitea: {
        owner: 'o',
        api: 'https://gitea',
        tokenRef: secretRef,
        allBranches: true,
        insecure: true,
        excludeArchivedRepos: true,
      },
      azureDevOps: {
        organization: 'o',
        api: 'https://dev.azure.com',
        teamProject: 'p',
        accessTokenRef: secretRef,
        allBranches: true,
      },
      awsCodeCommit: {
        tagFilters: [{ key: 'k', value: 'v' }],
        role: 'r',
        region: 'eu-west-1',
        allBranches: true,
      },
      filters: [
        {
          repositoryMatch: '^web',
          pathsExist: ['k8s'],
          pathsDoNotExist: ['skip'],
          labelMatch: 'deploy',
          branchMatch: 'main',
        },
      ],
      cloneProtocol: 'https',
      requeueAfterSeconds: 60,
      values: { a: 'b' },
      template,
    },
  },
  {
    clusterDecisionResource: {
      configMapRef: 'cm',
      name: 'n',
      labelSelector: { matchLabels: { a: 'b' } },
      requeueAfterSeconds: 60,
      values: { a: 'b' },
      template,
    },
  },
  {
    pullRequest: {
      github: {
        owner: 'o',
        repo: 'r',
        api: 'https://api.github.com',
        tokenRef: secretRef,
        appSecretName: 'app',
        labels: ['preview'],
      },
      gitlab: {
        project: '1',
        api: 'https://gitlab.com',
        tokenRef: secretRef,
        labels: ['x'],
        pullRequestState: 'opened',
        insecure: false,
        caRef: { configMapName: 'ca', key: 'k' },
      },
      gitea: {
        owner: 'o',
        repo: 'r',
        api: 'https://gitea',
        tokenRef: secretRef,
        insecure: true,
        labels: ['x'],
      },
      bitbucketServer: {
        project: 'p',
        repo: 'r',
        api: 'https://bb',
        basicAuth: { username: 'u', passwordRef: secretRef },
        bearerToken: { tokenRef: secretRef },
        insecure: true,
        caRef: { configMapName: 'ca', key: 'k' },
      },
      bitbucket: {
        owner: 'o',
        repo: 'r',
        api: 'https://api.bitbucket.org/2.0',
        basicAuth: { username: 'u', passwordRef: secretRef },
        bearerToken: { tokenRef: secretRef },
      },
      azuredevops: {
        organization: 'o',
        project: 'p',
        repo: 'r',
        api: 'https://dev.azure.com',
        tokenRef: secretRef,
        labels: ['x'],
      },
      filters: [{ branchMatch: 'feature-.*', targetBranchMatch: 'main', titleMatch: '.*' }],
      requeueAfterSeconds: 1800,
      values: { a: 'b' },
      continueOnRepoNotFoundError: true,
      template,
    },
  },
  {
    matrix: {
      generators: [
        {
          git: {
            repoURL: 'https://github.com/example/apps.git',
            revision: 'main',
            directories: [{ path: 'apps/*' }],
          },
        },
        {
          merge: { generators: [{ list: { elements: [] } }], mergeKeys: ['server'] },
          matrix: { generators: [] },
        },
      ],
      template,
    },
  },
  {
    merge: {
      generators: [{ clusters: {} }, { list: { elements: [{ server: 'x' }] } }],
      mergeKeys: ['server'],
      template,
    },
  },
  {
    plugin: {
      configMapRef: { name: 'plugin' },
      input: { parameters: { key: ['any', { json: true }] } },
      requeueAfterSeconds: 30,
      values: { a: 'b' },
      template,
    },
    selector: { matchLabels: { a: 'b' } },
  },
];

export const fullApplicationSet: ApplicationSet = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ApplicationSet',
  metadata: { name: 'web', namespace: 'argocd' },
  spec: {
    goTemplate: true,
    goTemplateOptions: ['missingkey=error'],
    generators,
    template,
    syncPolicy: { preserveResourcesOnDeletion: true, applicationsSync: 'create-update' },
    strategy: {
      type: 'RollingSync',
      rollingSync: {
        steps: [
          { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }], maxUpdate: '25%' },
          { maxUpdate: 1 },
        ],
      },
      deletionOrder: 'Reverse',
    },
    preservedFields: { annotations: ['a'], labels: ['b'] },
    applyNestedSelectors: true,
    ignoreApplicationDifferences: [
      { name: 'x', jsonPointers: ['/spec/source/targetRevision'], jqPathExpressions: ['.spec.x'] },
    ],
    templatePatch: 'spec:\n  syncPolicy: {}\n',
  },
  status: {
    conditions: [
      {
        type: 'ResourcesUpToDate',
        status: 'True',
        reason: 'ApplicationSetUpToDate',
        message: 'ok',
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ],
    applicationStatus: [
      {
        application: 'dev-web',
        status: 'Healthy',
        message: 'ok',
        step: '1',
        targetRevisions: ['abc'],
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ],
    resources: [
      {
        group: 'argoproj.io',
        version: 'v1alpha1',
        kind: 'Application',
        namespace: 'argocd',
        name: 'dev-web',
        status: 'Synced',
        health: { status: 'Healthy' },
      },
    ],
    resourcesCount: 1,
    health: { status: 'Healthy' },
  },
};
