import {
  boolean,
  object,
  string,
  type CustomResourceDefinition,
  type Schema,
  type ValidationRule,
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
  timeout,
} from '../meta-schema.ts';

const STS_RULES: ValidationRule[] = [
  {
    message: "STS configuration is only supported for the 'aws' and 'generic' Bucket providers",
    rule: "self.provider == 'aws' || self.provider == 'generic' || !has(self.sts)",
  },
  {
    message: "'aws' is the only supported STS provider for the 'aws' Bucket provider",
    rule: "self.provider != 'aws' || !has(self.sts) || self.sts.provider == 'aws'",
  },
  {
    message: "'ldap' is the only supported STS provider for the 'generic' Bucket provider",
    rule: "self.provider != 'generic' || !has(self.sts) || self.sts.provider == 'ldap'",
  },
  {
    message: "spec.sts.secretRef is not required for the 'aws' STS provider",
    rule: "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.secretRef)",
  },
  {
    message: "spec.sts.certSecretRef is not required for the 'aws' STS provider",
    rule: "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.certSecretRef)",
  },
];
const SERVICE_ACCOUNT_RULES: ValidationRule[] = [
  {
    message: "ServiceAccountName is not supported for the 'generic' Bucket provider",
    rule: "self.provider != 'generic' || !has(self.serviceAccountName)",
  },
  {
    message: 'cannot set both .spec.secretRef and .spec.serviceAccountName',
    rule: '!has(self.secretRef) || !has(self.serviceAccountName)',
  },
];

const common = (): Record<string, Schema> => ({
  bucketName: string(),
  certSecretRef: localRef(),
  endpoint: string(),
  ignore: string(),
  insecure: boolean(),
  interval: duration(),
  prefix: string(),
  provider: string({ enum: ['generic', 'aws', 'gcp', 'azure'], default: 'generic' }),
  proxySecretRef: localRef(),
  region: string(),
  secretRef: localRef(),
  sts: object(
    {
      certSecretRef: localRef(),
      endpoint: string({ pattern: '^(http|https)://.*$' }),
      provider: string({ enum: ['aws', 'ldap'] }),
      secretRef: localRef(),
    },
    { required: ['endpoint', 'provider'] },
  ),
  suspend: boolean(),
  timeout: timeout({ default: '60s' }),
});

export function bucketCrd(): CustomResourceDefinition {
  const required = ['bucketName', 'endpoint', 'interval'];
  const status = () =>
    reconcileStatusSchema({ artifact: artifactSchema(), observedIgnore: string(), url: string() });
  const columns = [
    { name: 'Endpoint', type: 'string' as const, jsonPath: '.spec.endpoint' },
    ageColumn,
    readyColumn,
    statusColumn,
  ];
  return fluxCrd({
    group: SOURCE_GROUP,
    kind: 'Bucket',
    plural: 'buckets',
    categories: ['all', 'fluxcd', 'fluxcd-sources'],
    component: 'source-controller',
    versions: [
      {
        name: 'v1',
        storage: true,
        spec: object(
          { ...common(), serviceAccountName: string() },
          { required, validations: [...STS_RULES, ...SERVICE_ACCOUNT_RULES] },
        ),
        status: status(),
        columns,
      },
      {
        name: 'v1beta2',
        deprecated: true,
        spec: object({ ...common(), accessFrom: accessFromSchema() }, { required, validations: STS_RULES }),
        status: status(),
        columns,
      },
    ],
  });
}
