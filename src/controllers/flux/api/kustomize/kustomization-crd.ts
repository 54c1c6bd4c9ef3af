import {
  array,
  boolean,
  dateTime,
  int64,
  map,
  object,
  string,
  type CustomResourceDefinition,
  type Schema,
} from '../../../index.ts';
import { fluxCrd, KUSTOMIZE_GROUP } from '../crd.ts';
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

type Version = 'v1' | 'v1beta2';

function specSchema(v: Version): Schema {
  const v1 = v === 'v1';
  const fields: Record<string, Schema> = {
    commonMetadata: object({ annotations: map(), labels: map() }),
    components: strings(),
    decryption: object(
      {
        provider: string({ enum: ['sops'] }),
        secretRef: localRef(),
        ...(v1 ? { serviceAccountName: string() } : {}),
      },
      { required: ['provider'] },
    ),
    dependsOn: array(
      object(
        { name: string(), namespace: string(), ...(v1 ? { readyExpr: string() } : {}) },
        { required: ['name'] },
      ),
    ),
    force: boolean({ default: false }),
    healthChecks: array(
      object(
        { apiVersion: string(), kind: string(), name: string(), namespace: string() },
        { required: ['kind', 'name'] },
      ),
    ),
    images: imagesSchema(),
    interval: duration(),
    kubeConfig: kubeConfigSchema(),
    patches: patchesSchema(),
    path: string(),
    postBuild: object({
      substitute: map(),
      substituteFrom: array(
        object(
          {
            kind: string({ enum: ['Secret', 'ConfigMap'] }),
            name: string({ maxLength: 253, minLength: 1 }),
            optional: boolean({ default: false }),
          },
          { required: ['kind', 'name'] },
        ),
      ),
      ...(v1 ? { substituteStrategy: string({ enum: ['WithVariables', 'Always'] }) } : {}),
    }),
    prune: boolean(),
    retryInterval: duration(),
    serviceAccountName: string(),
    sourceRef: object(
      {
        apiVersion: string(),
        kind: string({
          enum: v1
            ? ['OCIRepository', 'GitRepository', 'Bucket', 'ExternalArtifact']
            : ['OCIRepository', 'GitRepository', 'Bucket'],
        }),
        name: string(),
        namespace: string(),
      },
      { required: ['kind', 'name'] },
    ),
    suspend: boolean(),
    targetNamespace: string({ maxLength: 63, minLength: 1 }),
    timeout: duration(),
    wait: boolean(),
    // Removed in v1; kept in both so that they survive a read as v1 and convert (see kustomization.ts).
    ...deprecatedPatchesSchemas(),
    validation: string({ enum: ['none', 'client', 'server'] }),
  };
  if (v1) {
    Object.assign(fields, {
      buildMetadata: array(string({ enum: ['originAnnotations', 'transformerAnnotations'] })),
      deletionPolicy: string({ enum: ['MirrorPrune', 'Delete', 'WaitForTermination', 'Orphan'] }),
      healthCheckExprs: healthCheckExprsSchema(),
      ignore: ignoreRulesSchema(),
      ignoreMissingComponents: boolean(),
      namePrefix: string({ maxLength: 200, minLength: 1 }),
      nameSuffix: string({ maxLength: 200, minLength: 1 }),
    });
  }
  return object(fields, { required: ['interval', 'prune', 'sourceRef'] });
}

/** v1's status, also for v1beta2 (a superset of v1beta2's, so a status written as v1 reads back whole). */
function statusSchema(): Schema {
  const fields: Record<string, Schema> = {
    inventory: inventorySchema(),
    lastAppliedRevision: string(),
    lastAttemptedRevision: string(),
    lastAppliedOriginRevision: string(),
    history: array(
      object(
        {
          digest: string(),
          firstReconciled: dateTime(),
          lastReconciled: dateTime(),
          lastReconciledDuration: string(),
          lastReconciledStatus: string(),
          metadata: map(),
          totalReconciliations: int64(),
        },
        {
          required: [
            'digest',
            'firstReconciled',
            'lastReconciled',
            'lastReconciledDuration',
            'lastReconciledStatus',
            'totalReconciliations',
          ],
        },
      ),
    ),
  };
  return reconcileStatusSchema(fields);
}

export function kustomizationCrd(): CustomResourceDefinition {
  const columns = [ageColumn, readyColumn, statusColumn];
  return fluxCrd({
    group: KUSTOMIZE_GROUP,
    kind: 'Kustomization',
    plural: 'kustomizations',
    shortNames: ['ks'],
    categories: ['all', 'fluxcd', 'fluxcd-appliers'],
    component: 'kustomize-controller',
    versions: [
      { name: 'v1', storage: true, spec: specSchema('v1'), status: statusSchema(), columns },
      { name: 'v1beta2', deprecated: true, spec: specSchema('v1beta2'), status: statusSchema(), columns },
    ],
  });
}
