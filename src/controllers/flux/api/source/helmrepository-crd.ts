import { boolean, object, string, type CustomResourceDefinition, type Schema } from '../../../index.ts';
import { fluxCrd, SOURCE_GROUP } from '../crd.ts';
import {
  accessFromSchema,
  ageColumn,
  artifactSchema,
  duration,
  localRef,
  readyColumn,
  reconcileStatusSchema,
  statusColumn,
  timeout,
  urlColumn,
} from '../meta-schema.ts';

function specSchema(): Schema {
  return object(
    {
      accessFrom: accessFromSchema(),
      certSecretRef: localRef(),
      insecure: boolean(),
      interval: duration(),
      passCredentials: boolean(),
      provider: string({ enum: ['generic', 'aws', 'azure', 'gcp'], default: 'generic' }),
      secretRef: localRef(),
      suspend: boolean(),
      timeout: timeout(),
      type: string({ enum: ['default', 'oci'] }),
      url: string({ pattern: '^(http|https|oci)://.*$' }),
    },
    { required: ['url'] },
  );
}

/** v1 and v1beta2 share one schema (the fields did not change between them). */
export function helmRepositoryCrd(): CustomResourceDefinition {
  const status = () => reconcileStatusSchema({ artifact: artifactSchema(), url: string() });
  const columns = [urlColumn, ageColumn, readyColumn, statusColumn];
  return fluxCrd({
    group: SOURCE_GROUP,
    kind: 'HelmRepository',
    plural: 'helmrepositories',
    shortNames: ['helmrepo'],
    categories: ['all', 'fluxcd', 'fluxcd-sources'],
    component: 'source-controller',
    versions: [
      { name: 'v1', storage: true, spec: specSchema(), status: status(), columns },
      { name: 'v1beta2', deprecated: true, spec: specSchema(), status: status(), columns },
    ],
  });
}
