import {
  array,
  boolean,
  object,
  string,
  type CustomResourceDefinition,
  type Schema,
} from '../../../index.ts';
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
  strings,
  timeout,
  urlColumn,
} from '../meta-schema.ts';

const include = (): Schema =>
  array(
    object({ fromPath: string(), repository: localRef(), toPath: string() }, { required: ['repository'] }),
  );
const ref = (): Schema =>
  object({ branch: string(), commit: string(), name: string(), semver: string(), tag: string() });
const common = (): Record<string, Schema> => ({
  ignore: string(),
  include: include(),
  interval: duration(),
  recurseSubmodules: boolean(),
  ref: ref(),
  secretRef: localRef(),
  suspend: boolean(),
  timeout: timeout({ default: '60s' }),
  url: string({ pattern: '^(http|https|ssh)://.*$' }),
});

function v1Spec(): Schema {
  return object(
    {
      ...common(),
      provider: string({ enum: ['generic', 'aws', 'azure', 'github'] }),
      proxySecretRef: localRef(),
      serviceAccountName: string(),
      sparseCheckout: strings(),
      verify: object(
        {
          mode: string({ enum: ['head', 'HEAD', 'Tag', 'TagAndHEAD'], default: 'HEAD' }),
          secretRef: localRef(),
        },
        { required: ['secretRef'] },
      ),
    },
    {
      required: ['interval', 'url'],
      validations: [
        {
          message: "serviceAccountName can only be set when provider is 'azure' or 'aws'",
          rule: "!has(self.serviceAccountName) || (has(self.provider) && (self.provider == 'azure' || self.provider == 'aws'))",
        },
      ],
    },
  );
}

function v1beta2Spec(): Schema {
  return object(
    {
      ...common(),
      accessFrom: accessFromSchema(),
      gitImplementation: string({ enum: ['go-git', 'libgit2'], default: 'go-git' }),
      verify: object(
        { mode: string({ enum: ['head'] }), secretRef: localRef() },
        { required: ['mode', 'secretRef'] },
      ),
    },
    { required: ['interval', 'url'] },
  );
}

const v1Status = (): Record<string, Schema> => ({
  artifact: artifactSchema(),
  includedArtifacts: array(artifactSchema()),
  observedIgnore: string(),
  observedInclude: include(),
  observedRecurseSubmodules: boolean(),
  observedSparseCheckout: strings(),
  sourceVerificationMode: string(),
});

export function gitRepositoryCrd(): CustomResourceDefinition {
  const columns = [urlColumn, ageColumn, readyColumn, statusColumn];
  return fluxCrd({
    group: SOURCE_GROUP,
    kind: 'GitRepository',
    plural: 'gitrepositories',
    shortNames: ['gitrepo'],
    categories: ['all', 'fluxcd', 'fluxcd-sources'],
    component: 'source-controller',
    versions: [
      { name: 'v1', storage: true, spec: v1Spec(), status: reconcileStatusSchema(v1Status()), columns },
      {
        name: 'v1beta2',
        deprecated: true,
        spec: v1beta2Spec(),
        status: reconcileStatusSchema({ ...v1Status(), contentConfigChecksum: string(), url: string() }),
        columns,
      },
    ],
  });
}
