/**
 * Schemas of `ApplicationSource` and the source hydrator, shared by the Application (spec,
 * operation, status) and ApplicationSet templates. Same structure as Argo CD's CRDs: typed
 * everywhere, `helm.valuesObject` the one place whose contents are kept as sent.
 */
import { anyObject, array, boolean, intOrString, map, object, string, type Schema } from '../../index.ts';

const strings = (): Schema => array(string());

export function helmSchema(): Schema {
  return object({
    apiVersions: strings(),
    fileParameters: array(object({ name: string(), path: string() })),
    ignoreMissingValueFiles: boolean(),
    kubeVersion: string(),
    namespace: string(),
    parameters: array(object({ forceString: boolean(), name: string(), value: string() })),
    passCredentials: boolean(),
    releaseName: string(),
    skipCrds: boolean(),
    skipSchemaValidation: boolean(),
    skipTests: boolean(),
    valueFiles: strings(),
    values: string(),
    valuesObject: anyObject(),
    version: string(),
  });
}

export function kustomizeSchema(): Schema {
  return object({
    apiVersions: strings(),
    commonAnnotations: map(),
    commonAnnotationsEnvsubst: boolean(),
    commonLabels: map(),
    components: strings(),
    forceCommonAnnotations: boolean(),
    forceCommonLabels: boolean(),
    ignoreMissingComponents: boolean(),
    images: strings(),
    kubeVersion: string(),
    labelIncludeTemplates: boolean(),
    labelWithoutSelector: boolean(),
    namePrefix: string(),
    nameSuffix: string(),
    namespace: string(),
    patches: array(
      object({
        options: map(boolean()),
        patch: string(),
        path: string(),
        target: object({
          annotationSelector: string(),
          group: string(),
          kind: string(),
          labelSelector: string(),
          name: string(),
          namespace: string(),
          version: string(),
        }),
      }),
    ),
    replicas: array(object({ count: intOrString(), name: string() }, { required: ['count', 'name'] })),
    version: string(),
  });
}

export function directorySchema(): Schema {
  const jsonnetVar = object(
    { code: boolean(), name: string(), value: string() },
    { required: ['name', 'value'] },
  );
  return object({
    disableExtensionFilter: boolean(),
    exclude: string(),
    include: string(),
    jsonnet: object({ extVars: array(jsonnetVar), libs: strings(), tlas: array(jsonnetVar) }),
    recurse: boolean(),
  });
}

export function pluginSchema(): Schema {
  return object({
    env: array(object({ name: string(), value: string() }, { required: ['name', 'value'] })),
    name: string(),
    parameters: array(object({ array: strings(), map: map(), name: string(), string: string() })),
  });
}

/** The four tool configurations, each optional. */
function toolSchemas(): Record<string, Schema> {
  return {
    directory: directorySchema(),
    helm: helmSchema(),
    kustomize: kustomizeSchema(),
    plugin: pluginSchema(),
  };
}

export function applicationSourceSchema(): Schema {
  return object(
    {
      chart: string(),
      ...toolSchemas(),
      name: string(),
      path: string(),
      ref: string(),
      repoURL: string(),
      tagPrefix: string(),
      targetRevision: string(),
    },
    { required: ['repoURL'] },
  );
}

export function sourceHydratorSchema(): Schema {
  return object(
    {
      drySource: object(
        { ...toolSchemas(), path: string(), repoURL: string(), targetRevision: string() },
        { required: ['path', 'repoURL', 'targetRevision'] },
      ),
      hydrateTo: object({ targetBranch: string() }, { required: ['targetBranch'] }),
      syncSource: object(
        {
          path: string({ pattern: '^.{2,}|[^./]$', minLength: 1 }),
          repoURL: string(),
          targetBranch: string(),
        },
        { required: ['path', 'targetBranch'] },
      ),
    },
    { required: ['drySource', 'syncSource'] },
  );
}
