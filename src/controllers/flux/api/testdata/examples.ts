/**
 * One object per Flux kind, at its storage version, with every field the types declare set: the
 * tests check the CRD schemas declare them all (nothing would be pruned).
 */
import type { KubeObject } from '../../../../core/index.ts';
import type { Condition } from '../meta.ts';
import type { GitRepository } from '../source/gitrepository.ts';
import type { HelmRepository } from '../source/helmrepository.ts';
import type { HelmChart } from '../source/helmchart.ts';
import type { OCIRepository } from '../source/ocirepository.ts';
import type { Bucket } from '../source/bucket.ts';
import type { Kustomization } from '../kustomize/kustomization.ts';
import type { HelmRelease } from '../helm/helmrelease.ts';
import type { Alert } from '../notification/alert.ts';
import type { Provider } from '../notification/provider.ts';
import type { Receiver } from '../notification/receiver.ts';
import type { ImageRepository } from '../image/imagerepository.ts';
import type { ImagePolicy } from '../image/imagepolicy.ts';
import type { ImageUpdateAutomation } from '../image/imageupdateautomation.ts';

const T = '2026-01-01T00:00:00Z';
const meta = (name: string) => ({ name, namespace: 'flux-system' });
const conditions: Condition[] = [
  {
    type: 'Ready',
    status: 'True',
    reason: 'Succeeded',
    message: 'ok',
    lastTransitionTime: T,
    observedGeneration: 1,
  },
];
const ref = { name: 'secret' };
const artifact = {
  path: 'gitrepository/flux-system/app/abc.tar.gz',
  url: 'http://source-controller/gitrepository/flux-system/app/abc.tar.gz',
  revision: 'main@sha1:0123456789abcdef0123456789abcdef01234567',
  digest: 'sha256:0123456789abcdef',
  lastUpdateTime: T,
  size: 1024,
  metadata: { a: 'b' },
};
const selector = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  name: 'web',
  namespace: 'app',
  annotationSelector: 'a=b',
  labelSelector: 'c=d',
};
const common = { observedGeneration: 1, conditions, lastHandledReconcileAt: T };
const accessFrom = { namespaceSelectors: [{ matchLabels: { team: 'a' } }] };
const inventory = { entries: [{ id: 'app_web_apps_Deployment', v: 'v1' }] };

export const gitRepository: GitRepository = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  metadata: meta('app'),
  spec: {
    url: 'https://github.com/example/app.git',
    secretRef: ref,
    provider: 'azure',
    serviceAccountName: 'sa',
    interval: '1m',
    timeout: '60s',
    ref: { branch: 'main', tag: 'v1', semver: '>=1.0.0', name: 'refs/heads/main', commit: 'abc' },
    verify: { mode: 'HEAD', secretRef: ref },
    proxySecretRef: ref,
    ignore: 'docs/\n',
    suspend: false,
    recurseSubmodules: true,
    include: [{ repository: { name: 'other' }, fromPath: 'a', toPath: 'b' }],
    sparseCheckout: ['deploy'],
  },
  status: {
    ...common,
    artifact,
    includedArtifacts: [artifact],
    observedIgnore: 'docs/\n',
    observedRecurseSubmodules: true,
    observedInclude: [{ repository: { name: 'other' } }],
    observedSparseCheckout: ['deploy'],
    sourceVerificationMode: 'HEAD',
  },
};

export const helmRepository: HelmRepository = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'HelmRepository',
  metadata: meta('bitnami'),
  spec: {
    url: 'https://charts.bitnami.com/bitnami',
    secretRef: ref,
    certSecretRef: ref,
    passCredentials: true,
    interval: '1h',
    insecure: false,
    timeout: '1m',
    suspend: false,
    accessFrom,
    type: 'default',
    provider: 'generic',
  },
  status: {
    ...common,
    artifact,
    url: 'http://source-controller/helmrepository/flux-system/bitnami/index.yaml',
  },
};

export const helmChart: HelmChart = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'HelmChart',
  metadata: meta('redis'),
  spec: {
    chart: 'redis',
    version: '17.x',
    sourceRef: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', name: 'bitnami' },
    interval: '5m',
    reconcileStrategy: 'ChartVersion',
    valuesFiles: ['values.yaml'],
    ignoreMissingValuesFiles: true,
    suspend: false,
    verify: { provider: 'cosign', secretRef: ref, matchOIDCIdentity: [{ issuer: 'i', subject: 's' }] },
  },
  status: {
    ...common,
    observedSourceArtifactRevision: 'sha256:x',
    observedChartName: 'redis',
    observedValuesFiles: ['values.yaml'],
    artifact,
    url: 'http://x',
  },
};

export const ociRepository: OCIRepository = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'OCIRepository',
  metadata: meta('podinfo'),
  spec: {
    url: 'oci://ghcr.io/stefanprodan/manifests/podinfo',
    ref: { tag: 'latest', semver: '>=1.0.0', semverFilter: '.*', digest: 'sha256:x' },
    layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'extract' },
    provider: 'generic',
    secretRef: ref,
    verify: {
      provider: 'cosign',
      secretRef: ref,
      matchOIDCIdentity: [{ issuer: 'i', subject: 's' }],
      trustedRootSecretRef: ref,
    },
    serviceAccountName: 'sa',
    certSecretRef: ref,
    proxySecretRef: ref,
    interval: '5m',
    timeout: '60s',
    ignore: '*.md',
    insecure: false,
    suspend: false,
  },
  status: {
    ...common,
    url: 'http://x',
    artifact,
    observedIgnore: '*.md',
    observedLayerSelector: { operation: 'copy' },
  },
};

export const bucket: Bucket = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'Bucket',
  metadata: meta('bucket'),
  spec: {
    provider: 'aws',
    bucketName: 'manifests',
    endpoint: 's3.amazonaws.com',
    sts: { provider: 'aws', endpoint: 'https://sts.amazonaws.com' },
    insecure: false,
    region: 'eu-west-1',
    prefix: 'apps/',
    certSecretRef: ref,
    proxySecretRef: ref,
    serviceAccountName: 'sa',
    interval: '5m',
    timeout: '60s',
    ignore: '*.md',
    suspend: false,
  },
  status: { ...common, url: 'http://x', artifact, observedIgnore: '*.md' },
};

export const kustomization: Kustomization = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: meta('apps'),
  spec: {
    sourceRef: {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      name: 'app',
      namespace: 'flux-system',
    },
    path: './apps',
    interval: '10m',
    retryInterval: '2m',
    timeout: '3m',
    prune: true,
    deletionPolicy: 'MirrorPrune',
    force: false,
    wait: true,
    healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'app' }],
    healthCheckExprs: [
      { apiVersion: 'example.com/v1', kind: 'Thing', current: 'true', inProgress: 'false', failed: 'false' },
    ],
    dependsOn: [{ name: 'infra', namespace: 'flux-system', readyExpr: 'dep.status.ready' }],
    targetNamespace: 'app',
    namePrefix: 'p-',
    nameSuffix: '-s',
    commonMetadata: { labels: { a: 'b' }, annotations: { c: 'd' } },
    patches: [{ patch: '- op: remove\n  path: /spec/replicas\n', target: selector }],
    images: [{ name: 'nginx', newName: 'nginx', newTag: '1.27', digest: 'sha256:x' }],
    components: ['../components/x'],
    ignoreMissingComponents: true,
    buildMetadata: ['originAnnotations'],
    postBuild: {
      substitute: { cluster_env: 'production' },
      substituteFrom: [{ kind: 'ConfigMap', name: 'vars', optional: true }],
      substituteStrategy: 'WithVariables',
    },
    decryption: { provider: 'sops', secretRef: ref, serviceAccountName: 'sa' },
    serviceAccountName: 'sa',
    kubeConfig: { secretRef: { name: 'kubeconfig', key: 'value' } },
    ignore: [{ paths: ['/spec/replicas'], target: selector }],
    suspend: false,
  },
  status: {
    ...common,
    lastAppliedRevision: 'main@sha1:abc',
    lastAppliedOriginRevision: 'v1@sha1:abc',
    lastAttemptedRevision: 'main@sha1:abc',
    inventory,
    history: [
      {
        digest: 'sha256:x',
        firstReconciled: T,
        lastReconciled: T,
        lastReconciledDuration: '1s',
        lastReconciledStatus: 'ReconciliationSucceeded',
        totalReconciliations: 1,
        metadata: { revision: 'main@sha1:abc' },
      },
    ],
  },
};

export const helmRelease: HelmRelease = {
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: meta('redis'),
  spec: {
    chart: {
      metadata: { labels: { a: 'b' }, annotations: { c: 'd' } },
      spec: {
        chart: 'redis',
        version: '17.x',
        sourceRef: {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'HelmRepository',
          name: 'bitnami',
          namespace: 'flux-system',
        },
        interval: '1h',
        reconcileStrategy: 'ChartVersion',
        valuesFiles: ['values.yaml'],
        ignoreMissingValuesFiles: true,
        verify: { provider: 'cosign', secretRef: ref },
      },
    },
    interval: '5m',
    kubeConfig: { configMapRef: { name: 'kubeconfig' } },
    suspend: false,
    releaseName: 'redis',
    targetNamespace: 'data',
    storageNamespace: 'data',
    dependsOn: [{ name: 'infra', readyExpr: 'true' }],
    timeout: '5m',
    maxHistory: 5,
    serviceAccountName: 'sa',
    persistentClient: true,
    driftDetection: { mode: 'enabled', ignore: [{ paths: ['/spec/replicas'], target: selector }] },
    install: {
      timeout: '5m',
      remediation: { retries: 3, ignoreTestFailures: true, remediateLastFailure: false },
      strategy: { name: 'RetryOnFailure', retryInterval: '5m' },
      disableWait: false,
      disableWaitForJobs: false,
      disableHooks: false,
      disableOpenAPIValidation: false,
      disableSchemaValidation: false,
      disableTakeOwnership: false,
      replace: false,
      skipCRDs: false,
      crds: 'Create',
      createNamespace: true,
      serverSideApply: true,
    },
    upgrade: {
      timeout: '5m',
      remediation: { retries: 3, strategy: 'rollback', remediateLastFailure: true },
      strategy: { name: 'RemediateOnFailure' },
      disableWait: false,
      disableWaitForJobs: false,
      disableHooks: false,
      disableOpenAPIValidation: false,
      disableSchemaValidation: false,
      disableTakeOwnership: false,
      force: false,
      preserveValues: false,
      cleanupOnFail: true,
      crds: 'Skip',
      chartNameChangeStrategy: 'Reinstall',
      serverSideApply: 'auto',
    },
    test: { enable: true, timeout: '5m', ignoreFailures: false, filters: [{ name: 'test', exclude: true }] },
    rollback: {
      timeout: '5m',
      disableWait: false,
      disableWaitForJobs: false,
      disableHooks: false,
      recreate: false,
      force: false,
      cleanupOnFail: true,
      serverSideApply: 'auto',
    },
    uninstall: {
      timeout: '5m',
      disableHooks: false,
      keepHistory: false,
      disableWait: false,
      deletionPropagation: 'background',
    },
    valuesFrom: [
      {
        kind: 'ConfigMap',
        name: 'values',
        valuesKey: 'values.yaml',
        targetPath: 'a.b',
        optional: true,
        literal: true,
      },
    ],
    values: { architecture: 'replication', replica: { replicaCount: 3 } },
    postRenderers: [
      {
        kustomize: {
          patches: [{ patch: 'kind: Deployment', target: selector }],
          images: [{ name: 'redis', newTag: '7' }],
        },
      },
    ],
    postRenderStrategy: 'combined',
    waitStrategy: { name: 'poller' },
    healthCheckExprs: [{ apiVersion: 'example.com/v1', current: 'true' }],
    commonMetadata: { labels: { a: 'b' } },
  },
  status: {
    ...common,
    observedPostRenderersDigest: 'sha256:x',
    observedCommonMetadataDigest: 'sha256:y',
    lastAttemptedGeneration: 1,
    helmChart: 'flux-system/data-redis',
    storageNamespace: 'data',
    history: [
      {
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        digest: 'sha256:x',
        version: 1,
        name: 'redis',
        namespace: 'data',
        chartName: 'redis',
        chartVersion: '17.0.0',
        appVersion: '7.0.0',
        configDigest: 'sha256:y',
        firstDeployed: T,
        lastDeployed: T,
        deleted: T,
        status: 'deployed',
        action: 'install',
        testHooks: { 'redis-test': { lastStarted: T, lastCompleted: T, phase: 'Succeeded' } },
        ociDigest: 'sha256:z',
      },
    ],
    lastAttemptedReleaseAction: 'install',
    lastAttemptedReleaseActionDuration: '10s',
    failures: 0,
    installFailures: 0,
    upgradeFailures: 0,
    lastAttemptedRevision: '17.0.0',
    lastAttemptedRevisionDigest: 'sha256:x',
    lastAttemptedValuesChecksum: 'x',
    lastAttemptedConfigDigest: 'sha256:y',
    lastHandledForceAt: T,
    lastHandledResetAt: T,
    lastReleaseRevision: 1,
    inventory,
  },
};

export const alert: Alert = {
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
  kind: 'Alert',
  metadata: meta('slack'),
  spec: {
    providerRef: { name: 'slack' },
    eventSources: [
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        name: '*',
        namespace: 'flux-system',
        matchLabels: { a: 'b' },
      },
    ],
    eventMetadata: { env: 'prod' },
    eventSeverity: 'error',
    inclusionList: ['.*'],
    exclusionList: ['^Dependencies'],
    summary: 'prod',
    suspend: false,
  },
};

export const provider: Provider = {
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
  kind: 'Provider',
  metadata: meta('slack'),
  spec: {
    type: 'github',
    channel: 'alerts',
    username: 'flux',
    address: 'https://github.com/example/app',
    interval: '1m',
    timeout: '15s',
    proxy: 'https://proxy.example.com',
    proxySecretRef: ref,
    secretRef: ref,
    certSecretRef: ref,
    serviceAccountName: 'sa',
    commitStatusExpr: 'event.metadata.env',
    suspend: false,
  },
};

export const receiver: Receiver = {
  apiVersion: 'notification.toolkit.fluxcd.io/v1',
  kind: 'Receiver',
  metadata: meta('github'),
  spec: {
    type: 'github',
    events: ['push'],
    resources: [
      {
        kind: 'GitRepository',
        name: 'app',
        namespace: 'flux-system',
        matchLabels: { a: 'b' },
        filter: 'true',
      },
    ],
    resourceFilter: 'true',
    secretRef: ref,
    oidcProviders: [
      {
        issuerURL: 'https://token.actions.githubusercontent.com',
        audience: 'a',
        variables: [{ name: 'v', expression: 'x' }],
        validations: [{ expression: 'true', message: 'm' }],
      },
    ],
    interval: '10m',
    suspend: false,
  },
  status: { ...common, webhookPath: '/hook/abc' },
};

export const imageRepository: ImageRepository = {
  apiVersion: 'image.toolkit.fluxcd.io/v1',
  kind: 'ImageRepository',
  metadata: meta('app'),
  spec: {
    image: 'ghcr.io/example/app',
    interval: '1m',
    timeout: '30s',
    secretRef: ref,
    serviceAccountName: 'sa',
    certSecretRef: ref,
    proxySecretRef: ref,
    suspend: false,
    accessFrom,
    exclusionList: ['^.*\\.sig$'],
    provider: 'generic',
    insecure: false,
  },
  status: {
    ...common,
    canonicalImageName: 'ghcr.io/example/app',
    lastScanResult: { revision: 'x', tagCount: 3, scanTime: T, latestTags: ['1.0.0'] },
    observedExclusionList: ['^.*\\.sig$'],
  },
};

export const imagePolicy: ImagePolicy = {
  apiVersion: 'image.toolkit.fluxcd.io/v1',
  kind: 'ImagePolicy',
  metadata: meta('app'),
  spec: {
    imageRepositoryRef: { name: 'app', namespace: 'flux-system' },
    policy: { semver: { range: '>=1.0.0' }, alphabetical: { order: 'asc' }, numerical: { order: 'desc' } },
    filterTags: { pattern: '^main-(?P<ts>.*)', extract: '$ts' },
    digestReflectionPolicy: 'Always',
    interval: '5m',
    suspend: false,
  },
  status: {
    ...common,
    latestRef: { name: 'ghcr.io/example/app', tag: '1.0.0', digest: 'sha256:x' },
    observedPreviousRef: { name: 'ghcr.io/example/app', tag: '0.9.0' },
  },
};

export const imageUpdateAutomation: ImageUpdateAutomation = {
  apiVersion: 'image.toolkit.fluxcd.io/v1',
  kind: 'ImageUpdateAutomation',
  metadata: meta('app'),
  spec: {
    sourceRef: {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      name: 'app',
      namespace: 'flux-system',
    },
    git: {
      checkout: { ref: { branch: 'main' } },
      commit: {
        author: { name: 'Flux', email: 'flux@example.com' },
        signingKey: { secretRef: ref, type: 'ssh' },
        messageTemplate: 'Update {{ len .Changed.Changes }} images',
        messageTemplateValues: { env: 'prod' },
      },
      push: {
        branch: 'main',
        refspec: 'refs/heads/main:refs/heads/auto',
        options: { 'merge_request.create': '' },
      },
    },
    interval: '1m',
    policySelector: {
      matchLabels: { a: 'b' },
      matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }],
    },
    update: { path: './clusters', strategy: 'Setters' },
    suspend: false,
  },
  status: {
    ...common,
    lastAutomationRunTime: T,
    lastPushCommit: 'abc',
    lastPushTime: T,
    observedPolicies: { app: { name: 'ghcr.io/example/app', tag: '1.0.0' } },
    observedSourceRevision: 'main@sha1:abc',
  },
};

export const examples: KubeObject[] = [
  gitRepository,
  helmRepository,
  helmChart,
  ociRepository,
  bucket,
  kustomization,
  helmRelease,
  alert,
  provider,
  receiver,
  imageRepository,
  imagePolicy,
  imageUpdateAutomation,
];
