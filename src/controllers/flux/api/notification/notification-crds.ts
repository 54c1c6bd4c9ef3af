import {
  array,
  boolean,
  map,
  object,
  string,
  type CustomResourceDefinition,
  type Schema,
  type ValidationRule,
} from '../../../index.ts';
import { fluxCrd, NOTIFICATION_GROUP } from '../crd.ts';
import {
  ageColumn,
  duration,
  localRef,
  readyColumn,
  reconcileStatusSchema,
  statusColumn,
  strings,
  timeout,
} from '../meta-schema.ts';
import { PROVIDER_TYPES } from './provider.ts';
import { RECEIVER_TYPES } from './receiver.ts';

const KINDS = [
  'Bucket',
  'GitRepository',
  'Kustomization',
  'HelmRelease',
  'HelmChart',
  'HelmRepository',
  'ImageRepository',
  'ImagePolicy',
  'ImageUpdateAutomation',
  'OCIRepository',
  'ArtifactGenerator',
  'ExternalArtifact',
];
const bounded = (): Schema => string({ maxLength: 253, minLength: 1 });
const categories = ['all', 'fluxcd', 'fluxcd-notifications'];
const component = 'notification-controller';
const readyColumns = [ageColumn, readyColumn, statusColumn];

function objectRef(extra: Record<string, Schema> = {}): Schema {
  return object(
    {
      apiVersion: string(),
      kind: string({ enum: KINDS }),
      matchLabels: map(),
      name: bounded(),
      namespace: bounded(),
      ...extra,
    },
    { required: ['kind', 'name'] },
  );
}

/** Alert: v1beta3 without status (as Flux), v1beta2 with the same spec and Ready conditions. */
export function alertCrd(): CustomResourceDefinition {
  const spec = () =>
    object(
      {
        eventMetadata: map(),
        eventSeverity: string({ enum: ['info', 'error'], default: 'info' }),
        eventSources: array(objectRef()),
        exclusionList: strings(),
        inclusionList: strings(),
        providerRef: localRef(),
        summary: string({ maxLength: 255 }),
        suspend: boolean(),
      },
      { required: ['eventSources', 'providerRef'] },
    );
  return fluxCrd({
    group: NOTIFICATION_GROUP,
    kind: 'Alert',
    plural: 'alerts',
    categories,
    component,
    versions: [
      { name: 'v1beta3', storage: true, spec: spec(), columns: [ageColumn] },
      {
        name: 'v1beta2',
        deprecated: true,
        spec: spec(),
        status: reconcileStatusSchema({}),
        columns: readyColumns,
      },
    ],
  });
}

export function providerCrd(): CustomResourceDefinition {
  const gitTypes = ['github', 'gitlab', 'gitea', 'bitbucketserver', 'bitbucket', 'azuredevops'];
  const common = {
    address: string({ maxLength: 2048 }),
    certSecretRef: localRef(),
    channel: string({ maxLength: 2048 }),
    interval: duration(),
    proxy: string({ maxLength: 2048, pattern: '^(http|https)://.*$' }),
    secretRef: localRef(),
    suspend: boolean(),
    timeout: timeout(),
    username: string({ maxLength: 2048 }),
  };
  const v1beta3 = object(
    {
      ...common,
      commitStatusExpr: string(),
      proxySecretRef: localRef(),
      serviceAccountName: string(),
      type: string({ enum: [...PROVIDER_TYPES] }),
    },
    {
      required: ['type'],
      validations: [
        {
          message: `spec.commitStatusExpr is only supported for the ${gitTypes.map((t) => `'${t}'`).join(', ')} provider types`,
          rule: `${gitTypes.map((t) => `self.type == '${t}'`).join(' || ')} || !has(self.commitStatusExpr)`,
        },
      ],
    },
  );
  const v1beta2Types = PROVIDER_TYPES.filter(
    (t) =>
      ![
        'giteapullrequestcomment',
        'githubpullrequestcomment',
        'gitlabmergerequestcomment',
        'nats',
        'zulip',
        'otel',
        'zoom',
        'incident.io',
      ].includes(t),
  );
  const v1beta2 = object({ ...common, type: string({ enum: v1beta2Types }) }, { required: ['type'] });
  return fluxCrd({
    group: NOTIFICATION_GROUP,
    kind: 'Provider',
    plural: 'providers',
    categories,
    component,
    versions: [
      { name: 'v1beta3', storage: true, spec: v1beta3, columns: [ageColumn] },
      {
        name: 'v1beta2',
        deprecated: true,
        spec: v1beta2,
        status: reconcileStatusSchema({}),
        columns: readyColumns,
      },
    ],
  });
}

const OIDC_RULES: ValidationRule[] = [
  {
    message: 'generic-oidc receivers must define at least one oidcProvider',
    rule: "self.type != 'generic-oidc' || (has(self.oidcProviders) && size(self.oidcProviders) > 0)",
  },
  {
    message: 'oidcProviders can only be set when type is generic-oidc',
    rule: "self.type == 'generic-oidc' || !has(self.oidcProviders) || size(self.oidcProviders) == 0",
  },
  {
    message: 'secretRef cannot be set when type is generic-oidc',
    rule: "self.type != 'generic-oidc' || !has(self.secretRef)",
  },
  {
    message: 'secretRef is required when type is not generic-oidc',
    rule: "self.type == 'generic-oidc' || has(self.secretRef)",
  },
];

export function receiverCrd(): CustomResourceDefinition {
  const v1 = object(
    {
      events: strings(),
      interval: duration({ default: '10m' }),
      oidcProviders: array(
        object(
          {
            audience: string(),
            issuerURL: string({ pattern: '^https?://' }),
            validations: array(
              object({ expression: string(), message: string() }, { required: ['expression', 'message'] }),
              {
                minItems: 1,
              },
            ),
            variables: array(
              object({ expression: string(), name: string() }, { required: ['expression', 'name'] }),
            ),
          },
          { required: ['issuerURL', 'validations'] },
        ),
        { listType: 'map', listMapKeys: ['issuerURL'] },
      ),
      resourceFilter: string(),
      resources: array(objectRef({ filter: string() })),
      secretRef: localRef(),
      suspend: boolean(),
      type: string({ enum: [...RECEIVER_TYPES] }),
    },
    { required: ['resources', 'type'], validations: OIDC_RULES },
  );
  const v1beta2 = object(
    {
      events: strings(),
      interval: duration(),
      resources: array(objectRef()),
      secretRef: localRef(),
      suspend: boolean(),
      type: string({ enum: RECEIVER_TYPES.filter((t) => t !== 'generic-oidc' && t !== 'cdevents') }),
    },
    { required: ['resources', 'secretRef', 'type'] },
  );
  return fluxCrd({
    group: NOTIFICATION_GROUP,
    kind: 'Receiver',
    plural: 'receivers',
    categories,
    component,
    versions: [
      {
        name: 'v1',
        storage: true,
        spec: v1,
        status: reconcileStatusSchema({ webhookPath: string() }),
        columns: readyColumns,
      },
      {
        name: 'v1beta2',
        deprecated: true,
        spec: v1beta2,
        status: reconcileStatusSchema({ url: string(), webhookPath: string() }),
        columns: readyColumns,
      },
    ],
  });
}
