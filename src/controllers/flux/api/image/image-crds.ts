import {
  array,
  boolean,
  dateTime,
  integer,
  map,
  object,
  string,
  type CustomResourceDefinition,
  type PrinterColumn,
  type Schema,
} from '../../../index.ts';
import { fluxCrd, IMAGE_GROUP } from '../crd.ts';
import {
  accessFromSchema,
  ageColumn,
  duration,
  labelSelectorSchema,
  localRef,
  readyColumn,
  reconcileStatusSchema,
  statusColumn,
  strings,
  timeout,
} from '../meta-schema.ts';

type Version = 'v1' | 'v1beta2' | 'v1beta1';
const categories = ['all', 'fluxcd', 'fluxcd-images'];
const column = (name: string, jsonPath: string, priority?: number): PrinterColumn => ({
  name,
  type: 'string',
  jsonPath,
  ...(priority ? { priority } : {}),
});

export function imageRepositoryCrd(): CustomResourceDefinition {
  const spec = (v: Version) =>
    object(
      {
        accessFrom: accessFromSchema(),
        certSecretRef: localRef(),
        exclusionList:
          v === 'v1beta1' ? strings() : array(string(), { default: ['^.*\\.sig$'], maxItems: 25 }),
        image: string(),
        interval: duration(),
        secretRef: localRef(),
        serviceAccountName: string({ maxLength: 253 }),
        suspend: boolean(),
        timeout: timeout(),
        ...(v === 'v1beta1'
          ? {}
          : {
              insecure: boolean(),
              provider: string({ enum: ['generic', 'aws', 'azure', 'gcp'], default: 'generic' }),
              proxySecretRef: localRef(),
            }),
      },
      { required: ['image', 'interval'] },
    );
  const status = () =>
    reconcileStatusSchema({
      canonicalImageName: string(),
      lastScanResult: object(
        { latestTags: strings(), revision: string(), scanTime: dateTime(), tagCount: integer() },
        { required: ['tagCount'] },
      ),
      observedExclusionList: strings(),
    });
  const columns = [
    column('Image', '.spec.image'),
    column('Tags', '.status.lastScanResult.tagCount'),
    readyColumn,
    statusColumn,
    column('Last scan', '.status.lastScanResult.scanTime', 1),
    ageColumn,
  ];
  return fluxCrd({
    group: IMAGE_GROUP,
    kind: 'ImageRepository',
    plural: 'imagerepositories',
    shortNames: ['imgrepo', 'imagerepo'],
    categories,
    component: 'image-reflector-controller',
    versions: [
      { name: 'v1', storage: true, spec: spec('v1'), status: status(), columns },
      { name: 'v1beta2', deprecated: true, spec: spec('v1beta2'), status: status(), columns },
      {
        name: 'v1beta1',
        deprecated: true,
        spec: spec('v1beta1'),
        status: status(),
        columns: [
          column('Last scan', '.status.lastScanResult.scanTime'),
          column('Tags', '.status.lastScanResult.tagCount'),
        ],
      },
    ],
  });
}

export function imagePolicyCrd(): CustomResourceDefinition {
  const order = () => object({ order: string({ enum: ['asc', 'desc'], default: 'asc' }) });
  const spec = (v: Version) =>
    object(
      {
        filterTags: object({ extract: string(), pattern: string() }),
        imageRepositoryRef: object({ name: string(), namespace: string() }, { required: ['name'] }),
        policy: object({
          alphabetical: order(),
          numerical: order(),
          semver: object({ range: string() }, { required: ['range'] }),
        }),
        ...(v === 'v1beta1'
          ? {}
          : {
              digestReflectionPolicy: string({ enum: ['Always', 'IfNotPresent', 'Never'], default: 'Never' }),
              interval: duration(),
              suspend: boolean(),
            }),
      },
      {
        required: ['imageRepositoryRef', 'policy'],
        validations:
          v === 'v1beta1'
            ? []
            : [
                {
                  message:
                    "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'",
                  rule: "!has(self.interval) || (has(self.digestReflectionPolicy) && self.digestReflectionPolicy == 'Always')",
                },
                {
                  message: "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'",
                  rule: "has(self.interval) || !has(self.digestReflectionPolicy) || self.digestReflectionPolicy != 'Always'",
                },
              ],
      },
    );
  const ref = () =>
    object({ digest: string(), name: string(), tag: string() }, { required: ['name', 'tag'] });
  const fields = () => ({ latestRef: ref(), observedPreviousRef: ref() });
  // Older versions also read v1beta1's `latestImage`/`observedPreviousImage`.
  const oldStatus = () =>
    reconcileStatusSchema({ ...fields(), latestImage: string(), observedPreviousImage: string() });
  const columns = [
    column('Image', '.status.latestRef.name'),
    column('Tag', '.status.latestRef.tag'),
    readyColumn,
    statusColumn,
    ageColumn,
  ];
  return fluxCrd({
    group: IMAGE_GROUP,
    kind: 'ImagePolicy',
    plural: 'imagepolicies',
    shortNames: ['imgpol', 'imagepol'],
    categories,
    component: 'image-reflector-controller',
    versions: [
      { name: 'v1', storage: true, spec: spec('v1'), status: reconcileStatusSchema(fields()), columns },
      { name: 'v1beta2', deprecated: true, spec: spec('v1beta2'), status: oldStatus(), columns },
      {
        name: 'v1beta1',
        deprecated: true,
        spec: spec('v1beta1'),
        status: oldStatus(),
        columns: [column('LatestImage', '.status.latestImage')],
      },
    ],
  });
}

export function imageUpdateAutomationCrd(): CustomResourceDefinition {
  const spec = (v: Version): Schema =>
    object(
      {
        git: object(
          {
            checkout: object(
              {
                ref: object({
                  branch: string(),
                  commit: string(),
                  name: string(),
                  semver: string(),
                  tag: string(),
                }),
              },
              { required: ['ref'] },
            ),
            commit: object(
              {
                author: object({ email: string(), name: string() }, { required: ['email'] }),
                messageTemplate: string(),
                ...(v === 'v1beta1' ? {} : { messageTemplateValues: map() }),
                signingKey: object(
                  {
                    secretRef: localRef(),
                    ...(v === 'v1' ? { type: string({ enum: ['gpg', 'ssh'] }) } : {}),
                  },
                  { required: ['secretRef'] },
                ),
              },
              { required: ['author'] },
            ),
            push: object({ branch: string(), options: map(), refspec: string() }),
          },
          { required: ['commit'] },
        ),
        interval: duration(),
        ...(v === 'v1beta1' ? {} : { policySelector: labelSelectorSchema() }),
        sourceRef: object(
          {
            apiVersion: string(),
            kind: string({ enum: ['GitRepository'], default: 'GitRepository' }),
            name: string(),
            namespace: string(),
          },
          { required: ['kind', 'name'] },
        ),
        suspend: boolean(),
        update: object(
          { path: string(), strategy: string({ enum: ['Setters'], default: 'Setters' }) },
          { default: { strategy: 'Setters' }, required: v === 'v1beta1' ? ['strategy'] : [] },
        ),
      },
      { required: ['interval', 'sourceRef'] },
    );
  const status = () =>
    reconcileStatusSchema({
      lastAutomationRunTime: dateTime(),
      lastPushCommit: string(),
      lastPushTime: dateTime(),
      observedPolicies: map(
        object({ digest: string(), name: string(), tag: string() }, { required: ['name', 'tag'] }),
      ),
      observedSourceRevision: string(),
    });
  const columns = [
    readyColumn,
    statusColumn,
    column('Last run', '.status.lastAutomationRunTime', 1),
    ageColumn,
  ];
  return fluxCrd({
    group: IMAGE_GROUP,
    kind: 'ImageUpdateAutomation',
    plural: 'imageupdateautomations',
    shortNames: ['iua', 'imgupd', 'imgauto'],
    categories,
    component: 'image-automation-controller',
    versions: [
      { name: 'v1', storage: true, spec: spec('v1'), status: status(), columns },
      { name: 'v1beta2', deprecated: true, spec: spec('v1beta2'), status: status(), columns },
      {
        name: 'v1beta1',
        deprecated: true,
        spec: spec('v1beta1'),
        status: status(),
        columns: [column('Last run', '.status.lastAutomationRunTime')],
      },
    ],
  });
}
