import { boolean, object, string, type CustomResourceDefinition, type Schema } from '../../../index.ts';
import { fluxCrd, SOURCE_GROUP } from '../crd.ts';
import {
  accessFromSchema,
  ageColumn,
  artifactSchema,
  duration,
  ociVerifySchema,
  readyColumn,
  reconcileStatusSchema,
  statusColumn,
  strings,
} from '../meta-schema.ts';

const common = (): Record<string, Schema> => ({
  chart: string(),
  ignoreMissingValuesFiles: boolean(),
  interval: duration(),
  reconcileStrategy: string({ enum: ['ChartVersion', 'Revision'], default: 'ChartVersion' }),
  sourceRef: object(
    {
      apiVersion: string(),
      kind: string({ enum: ['HelmRepository', 'GitRepository', 'Bucket'] }),
      name: string(),
    },
    { required: ['kind', 'name'] },
  ),
  suspend: boolean(),
  valuesFiles: strings(),
  verify: ociVerifySchema(['cosign', 'notation'], false),
  version: string({ default: '*' }),
});

/** v1, plus v1beta2's `valuesFile` so that it survives being read back as v1 (converted to `valuesFiles`). */
function v1Spec(): Schema {
  return object(
    { ...common(), valuesFile: string() },
    {
      required: ['chart', 'interval', 'sourceRef'],
      validations: [
        {
          message: "spec.verify is only supported when spec.sourceRef.kind is 'HelmRepository'",
          rule: "!has(self.verify) || self.sourceRef.kind == 'HelmRepository'",
        },
      ],
    },
  );
}

function v1beta2Spec(): Schema {
  return object(
    { ...common(), accessFrom: accessFromSchema(), valuesFile: string() },
    { required: ['chart', 'interval', 'sourceRef'] },
  );
}

export function helmChartCrd(): CustomResourceDefinition {
  const status = () =>
    reconcileStatusSchema({
      artifact: artifactSchema(),
      observedChartName: string(),
      observedSourceArtifactRevision: string(),
      observedValuesFiles: strings(),
      url: string(),
    });
  const columns = [
    { name: 'Chart', type: 'string' as const, jsonPath: '.spec.chart' },
    { name: 'Version', type: 'string' as const, jsonPath: '.spec.version' },
    { name: 'Source Kind', type: 'string' as const, jsonPath: '.spec.sourceRef.kind' },
    { name: 'Source Name', type: 'string' as const, jsonPath: '.spec.sourceRef.name' },
    ageColumn,
    readyColumn,
    statusColumn,
  ];
  return fluxCrd({
    group: SOURCE_GROUP,
    kind: 'HelmChart',
    plural: 'helmcharts',
    shortNames: ['hc'],
    categories: ['all', 'fluxcd', 'fluxcd-sources'],
    component: 'source-controller',
    versions: [
      { name: 'v1', storage: true, spec: v1Spec(), status: status(), columns },
      { name: 'v1beta2', deprecated: true, spec: v1beta2Spec(), status: status(), columns },
    ],
  });
}
