import { boolean, object, string, type CustomResourceDefinition, type Schema } from '../../../index.ts';
import { fluxCrd, SOURCE_GROUP } from '../crd.ts';
import {
  ageColumn,
  artifactSchema,
  duration,
  localRef,
  ociVerifySchema,
  readyColumn,
  reconcileStatusSchema,
  statusColumn,
  timeout,
  urlColumn,
} from '../meta-schema.ts';

const layerSelector = (): Schema =>
  object({ mediaType: string(), operation: string({ enum: ['extract', 'copy'] }) });

function specSchema(version: 'v1' | 'v1beta2'): Schema {
  return object(
    {
      certSecretRef: localRef(),
      ignore: string(),
      insecure: boolean(),
      interval: duration(),
      layerSelector: layerSelector(),
      provider: string({ enum: ['generic', 'aws', 'azure', 'gcp'], default: 'generic' }),
      proxySecretRef: localRef(),
      ref: object({ digest: string(), semver: string(), semverFilter: string(), tag: string() }),
      secretRef: localRef(),
      serviceAccountName: string(),
      suspend: boolean(),
      timeout: timeout({ default: '60s' }),
      url: string({ pattern: '^oci://.*$' }),
      verify: ociVerifySchema(['cosign', 'notation'], version === 'v1'),
    },
    { required: ['interval', 'url'] },
  );
}

export function ociRepositoryCrd(): CustomResourceDefinition {
  const status = (extra: Record<string, Schema> = {}) =>
    reconcileStatusSchema({
      artifact: artifactSchema(),
      observedIgnore: string(),
      observedLayerSelector: layerSelector(),
      url: string(),
      ...extra,
    });
  const columns = [urlColumn, readyColumn, statusColumn, ageColumn];
  return fluxCrd({
    group: SOURCE_GROUP,
    kind: 'OCIRepository',
    plural: 'ocirepositories',
    shortNames: ['ocirepo'],
    categories: ['all', 'fluxcd', 'fluxcd-sources'],
    component: 'source-controller',
    versions: [
      { name: 'v1', storage: true, spec: specSchema('v1'), status: status(), columns },
      {
        name: 'v1beta2',
        deprecated: true,
        spec: specSchema('v1beta2'),
        status: status({ contentConfigChecksum: string() }),
        columns,
      },
    ],
  });
}
