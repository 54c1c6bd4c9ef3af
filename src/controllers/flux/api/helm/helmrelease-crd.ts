import {
  anyValue,
  array,
  boolean,
  dateTime,
  int64,
  integer,
  map,
  object,
  string,
  type CustomResourceDefinition,
  type Schema,
} from '../../../index.ts';
import { fluxCrd, HELM_GROUP } from '../crd.ts';
import {
  ageColumn,
  deprecatedPatchesSchemas,
  duration,
  healthCheckExprsSchema,
  ignoreRulesSchema,
  imagesSchema,
  inventorySchema,
  kubeConfigSchema,
  localRef,
  patchesSchema,
  readyColumn,
  reconcileStatusSchema,
  statusColumn,
  strings,
} from '../meta-schema.ts';

type Version = 'v2' | 'v2beta2' | 'v2beta1';

const crds = (): Schema => string({ enum: ['Skip', 'Create', 'CreateReplace'] });
const ssaMode = (): Schema => string({ enum: ['enabled', 'disabled', 'auto'] });
const bounded = (max: number): Schema => string({ maxLength: max, minLength: 1 });
const metadata = (): Schema => object({ annotations: map(), labels: map() });

function chartTemplate(v: Version): Schema {
  const beta1 = v === 'v2beta1';
  return object(
    {
      metadata: metadata(),
      spec: object(
        {
          chart: beta1 ? string() : bounded(2048),
          ...(beta1 ? {} : { ignoreMissingValuesFiles: boolean() }),
          interval: duration(),
          reconcileStrategy: string({ enum: ['ChartVersion', 'Revision'], default: 'ChartVersion' }),
          sourceRef: object(
            {
              apiVersion: string(),
              kind: string({ enum: ['HelmRepository', 'GitRepository', 'Bucket'] }),
              name: bounded(253),
              namespace: bounded(63),
            },
            { required: ['kind', 'name'] },
          ),
          // Deprecated in v2beta2, removed in v2; accepted by every version and converted.
          valuesFile: string(),
          valuesFiles: strings(),
          verify: object(
            {
              provider: string({ enum: beta1 ? ['cosign'] : ['cosign', 'notation'], default: 'cosign' }),
              secretRef: localRef(),
            },
            { required: ['provider'] },
          ),
          version: string({ default: '*' }),
        },
        { required: ['chart', 'sourceRef'] },
      ),
    },
    { required: ['spec'] },
  );
}

function strategy(message: string, rule: string): Schema {
  return object(
    { name: string({ enum: ['RemediateOnFailure', 'RetryOnFailure'] }), retryInterval: duration() },
    { required: ['name'], validations: [{ message, rule }] },
  );
}

function actions(v: Version): Record<string, Schema> {
  const v2 = v === 'v2';
  const remediation = (upgrade: boolean) =>
    object({
      ignoreTestFailures: boolean(),
      remediateLastFailure: boolean(),
      retries: integer(),
      ...(upgrade ? { strategy: string({ enum: ['rollback', 'uninstall'] }) } : {}),
    });
  const common = {
    disableHooks: boolean(),
    disableOpenAPIValidation: boolean(),
    disableWait: boolean(),
    disableWaitForJobs: boolean(),
    timeout: duration(),
    ...(v2 ? { disableSchemaValidation: boolean(), disableTakeOwnership: boolean() } : {}),
  };
  return {
    install: object({
      ...common,
      createNamespace: boolean(),
      crds: crds(),
      remediation: remediation(false),
      replace: boolean(),
      skipCRDs: boolean(),
      ...(v2
        ? {
            serverSideApply: boolean(),
            strategy: strategy(
              ".retryInterval cannot be set when .name is 'RemediateOnFailure'",
              "!has(self.retryInterval) || self.name != 'RemediateOnFailure'",
            ),
          }
        : {}),
    }),
    upgrade: object({
      ...common,
      cleanupOnFail: boolean(),
      crds: crds(),
      force: boolean(),
      preserveValues: boolean(),
      remediation: remediation(true),
      ...(v2
        ? {
            chartNameChangeStrategy: string({ enum: ['InPlaceUpdate', 'Reinstall'] }),
            serverSideApply: ssaMode(),
            strategy: strategy(
              ".retryInterval can only be set when .name is 'RetryOnFailure'",
              "!has(self.retryInterval) || self.name == 'RetryOnFailure'",
            ),
          }
        : {}),
    }),
    rollback: object({
      cleanupOnFail: boolean(),
      disableHooks: boolean(),
      disableWait: boolean(),
      disableWaitForJobs: boolean(),
      force: boolean(),
      recreate: boolean(),
      timeout: duration(),
      ...(v2 ? { serverSideApply: ssaMode() } : {}),
    }),
    test: object({
      enable: boolean(),
      filters: array(object({ exclude: boolean(), name: bounded(253) }, { required: ['name'] })),
      ignoreFailures: boolean(),
      timeout: duration(),
    }),
    uninstall: object({
      deletionPropagation: string({ enum: ['background', 'foreground', 'orphan'], default: 'background' }),
      disableHooks: boolean(),
      disableWait: boolean(),
      keepHistory: boolean(),
      timeout: duration(),
    }),
  };
}

function specSchema(v: Version): Schema {
  const v2 = v === 'v2';
  const beta1 = v === 'v2beta1';
  const fields: Record<string, Schema> = {
    chart: chartTemplate(v),
    chartRef: object(
      {
        apiVersion: string(),
        kind: string({
          enum: v2 ? ['OCIRepository', 'HelmChart', 'ExternalArtifact'] : ['OCIRepository', 'HelmChart'],
        }),
        name: bounded(253),
        namespace: bounded(63),
      },
      { required: ['kind', 'name'] },
    ),
    dependsOn: array(
      object(
        { name: string(), namespace: string(), ...(v2 ? { readyExpr: string() } : {}) },
        { required: ['name'] },
      ),
    ),
    driftDetection: object({
      ignore: ignoreRulesSchema(),
      mode: string({ enum: ['enabled', 'warn', 'disabled'] }),
    }),
    ...actions(v),
    interval: duration(),
    kubeConfig: kubeConfigSchema(),
    maxHistory: integer(),
    persistentClient: boolean(),
    postRenderers: array(
      object({
        kustomize: object({
          images: imagesSchema(),
          patches: patchesSchema(),
          ...deprecatedPatchesSchemas(),
        }),
      }),
    ),
    releaseName: bounded(53),
    serviceAccountName: beta1 ? string() : bounded(253),
    storageNamespace: bounded(63),
    suspend: boolean(),
    targetNamespace: bounded(63),
    timeout: duration(),
    values: anyValue(),
    valuesFrom: array(
      object(
        {
          kind: string({ enum: ['Secret', 'ConfigMap'] }),
          ...(v2 ? { literal: boolean() } : {}),
          name: bounded(253),
          optional: boolean(),
          targetPath: string({ maxLength: 250, pattern: '^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$' }),
          valuesKey: string({ maxLength: 253, pattern: '^[\\-._a-zA-Z0-9]+$' }),
        },
        { required: ['kind', 'name'] },
      ),
    ),
  };
  if (v2) {
    Object.assign(fields, {
      commonMetadata: metadata(),
      healthCheckExprs: healthCheckExprsSchema(),
      postRenderStrategy: string({ enum: ['nohooks', 'combined', 'separate'] }),
      waitStrategy: object({ name: string({ enum: ['poller', 'legacy'] }) }, { required: ['name'] }),
    });
  }
  if (beta1) return object(fields, { required: ['chart', 'interval'] });
  return object(fields, {
    required: ['interval'],
    validations: [
      {
        message: 'either chart or chartRef must be set',
        rule: '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))',
      },
    ],
  });
}

function statusFields(): Record<string, Schema> {
  const snapshot = object(
    {
      action: string(),
      apiVersion: string(),
      appVersion: string(),
      chartName: string(),
      chartVersion: string(),
      configDigest: string(),
      deleted: dateTime(),
      digest: string(),
      firstDeployed: dateTime(),
      lastDeployed: dateTime(),
      name: string(),
      namespace: string(),
      ociDigest: string(),
      status: string(),
      testHooks: map(object({ lastCompleted: dateTime(), lastStarted: dateTime(), phase: string() })),
      version: integer(),
    },
    {
      required: [
        'chartName',
        'chartVersion',
        'configDigest',
        'digest',
        'firstDeployed',
        'lastDeployed',
        'name',
        'namespace',
        'status',
        'version',
      ],
    },
  );
  return {
    failures: int64(),
    helmChart: string(),
    history: array(snapshot),
    installFailures: int64(),
    inventory: inventorySchema(),
    lastAttemptedConfigDigest: string(),
    lastAttemptedGeneration: int64(),
    lastAttemptedReleaseAction: string({ enum: ['install', 'upgrade'] }),
    lastAttemptedReleaseActionDuration: string(),
    lastAttemptedRevision: string(),
    lastAttemptedRevisionDigest: string(),
    lastAttemptedValuesChecksum: string(),
    lastHandledForceAt: string(),
    lastHandledResetAt: string(),
    lastReleaseRevision: integer(),
    observedCommonMetadataDigest: string(),
    observedPostRenderersDigest: string(),
    storageNamespace: bounded(63),
    upgradeFailures: int64(),
  };
}

export function helmReleaseCrd(): CustomResourceDefinition {
  const columns = [ageColumn, readyColumn, statusColumn];
  // Older versions read the v2 status (a superset of theirs) plus the v2beta* lastAppliedRevision.
  const oldStatus = () =>
    reconcileStatusSchema({
      ...statusFields(),
      lastAttemptedReleaseAction: string(),
      lastAppliedRevision: string(),
    });
  return fluxCrd({
    group: HELM_GROUP,
    kind: 'HelmRelease',
    plural: 'helmreleases',
    shortNames: ['hr'],
    categories: ['all', 'fluxcd', 'fluxcd-appliers'],
    component: 'helm-controller',
    versions: [
      {
        name: 'v2',
        storage: true,
        spec: specSchema('v2'),
        status: reconcileStatusSchema(statusFields()),
        columns,
      },
      { name: 'v2beta2', deprecated: true, spec: specSchema('v2beta2'), status: oldStatus(), columns },
      { name: 'v2beta1', deprecated: true, spec: specSchema('v2beta1'), status: oldStatus(), columns },
    ],
  });
}
