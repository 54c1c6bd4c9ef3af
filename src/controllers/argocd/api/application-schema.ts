/**
 * The Application's schema, structured as Argo CD's `applications.argoproj.io` (so every
 * Application Argo CD accepts is accepted here), with one deliberate difference: `spec.project`
 * is not required, since Argo CD itself reads an empty project as `default`.
 */
import {
  array,
  boolean,
  dateTime,
  int64,
  map,
  object,
  resourceSchema,
  string,
  type Schema,
} from '../../index.ts';
import { applicationSourceSchema, sourceHydratorSchema } from './source-schema.ts';

const strings = (): Schema => array(string());
const sources = (): Schema => array(applicationSourceSchema());

export function destinationSchema(): Schema {
  return object({ name: string(), namespace: string(), server: string() });
}

export function ignoreDifferencesSchema(): Schema {
  return array(
    object(
      {
        group: string(),
        jqPathExpressions: strings(),
        jsonPointers: strings(),
        kind: string(),
        managedFieldsManagers: strings(),
        name: string(),
        namespace: string(),
      },
      { required: ['kind'] },
    ),
  );
}

const info = (): Schema =>
  array(object({ name: string(), value: string() }, { required: ['name', 'value'] }));

function retrySchema(): Schema {
  return object({
    backoff: object({ duration: string(), factor: int64(), maxDuration: string() }),
    limit: int64(),
    refresh: boolean(),
  });
}

const namespaceMetadata = (): Schema => object({ annotations: map(), labels: map() });

function syncPolicySchema(): Schema {
  return object({
    automated: object({ allowEmpty: boolean(), enabled: boolean(), prune: boolean(), selfHeal: boolean() }),
    managedNamespaceMetadata: namespaceMetadata(),
    retry: retrySchema(),
    syncOptions: strings(),
  });
}

/**
 * `ApplicationSpec`, also the `spec` of ApplicationSet templates. Argo CD requires `project` in
 * both; Capstan does not (an empty project is `default`, as Argo CD's `GetProject()` reads it).
 */
export function applicationSpecSchema(): Schema {
  return object(
    {
      destination: destinationSchema(),
      ignoreDifferences: ignoreDifferencesSchema(),
      info: info(),
      project: string(),
      revisionHistoryLimit: int64(),
      source: applicationSourceSchema(),
      sourceHydrator: sourceHydratorSchema(),
      sources: sources(),
      syncPolicy: syncPolicySchema(),
    },
    { required: ['destination'] },
  );
}

const initiatedBy = (): Schema => object({ automated: boolean(), username: string() });

function operationSchema(): Schema {
  const toggle = () => object({ force: boolean() });
  return object({
    info: info(),
    initiatedBy: initiatedBy(),
    retry: retrySchema(),
    sync: object({
      autoHealAttemptsCount: int64(),
      dryRun: boolean(),
      manifests: strings(),
      prune: boolean(),
      resources: array(
        object(
          { group: string(), kind: string(), name: string(), namespace: string() },
          { required: ['kind', 'name'] },
        ),
      ),
      revision: string(),
      revisions: strings(),
      source: applicationSourceSchema(),
      sources: sources(),
      syncOptions: strings(),
      syncStrategy: object({ apply: toggle(), hook: toggle() }),
    }),
  });
}

const health = (): Schema => object({ lastTransitionTime: dateTime(), message: string(), status: string() });

/** `ResourceStatus`: shared with the ApplicationSet's status. */
export function resourceStatusSchema(): Schema {
  return object({
    group: string(),
    health: health(),
    hook: boolean(),
    kind: string(),
    name: string(),
    namespace: string(),
    requiresDeletionConfirmation: boolean(),
    requiresPruning: boolean(),
    status: string(),
    syncWave: int64(),
    version: string(),
  });
}

function operationStateSchema(): Schema {
  const resourceResult = object(
    {
      group: string(),
      hookPhase: string(),
      hookType: string(),
      images: strings(),
      kind: string(),
      message: string(),
      name: string(),
      namespace: string(),
      status: string(),
      syncPhase: string(),
      version: string(),
    },
    { required: ['group', 'kind', 'name', 'namespace', 'version'] },
  );
  return object(
    {
      finishedAt: dateTime(),
      message: string(),
      operation: operationSchema(),
      phase: string(),
      retryCount: int64(),
      startedAt: dateTime(),
      syncResult: object(
        {
          managedNamespaceMetadata: namespaceMetadata(),
          resources: array(resourceResult),
          revision: string(),
          revisions: strings(),
          source: applicationSourceSchema(),
          sources: sources(),
        },
        { required: ['revision'] },
      ),
    },
    { required: ['operation', 'phase', 'startedAt'] },
  );
}

function hydratorStatusSchema(): Schema {
  return object({
    currentOperation: object(
      {
        drySHA: string(),
        finishedAt: dateTime(),
        hydratedSHA: string(),
        message: string(),
        phase: string({ enum: ['Hydrating', 'Failed', 'Hydrated'] }),
        sourceHydrator: sourceHydratorSchema(),
        startedAt: dateTime(),
      },
      { required: ['message', 'phase'] },
    ),
    lastComparedDryRevision: string(),
    lastSuccessfulOperation: object({
      drySHA: string(),
      hydratedSHA: string(),
      sourceHydrator: sourceHydratorSchema(),
    }),
  });
}

function statusSchema(): Schema {
  return object({
    conditions: array(
      object(
        { lastTransitionTime: dateTime(), message: string(), type: string() },
        { required: ['message', 'type'] },
      ),
    ),
    controllerNamespace: string(),
    health: health(),
    history: array(
      object(
        {
          deployStartedAt: dateTime(),
          deployedAt: dateTime(),
          id: int64(),
          initiatedBy: initiatedBy(),
          revision: string(),
          revisions: strings(),
          source: applicationSourceSchema(),
          sources: sources(),
        },
        { required: ['deployedAt', 'id'] },
      ),
    ),
    observedAt: dateTime(),
    operationState: operationStateSchema(),
    reconciledAt: dateTime(),
    resourceHealthSource: string(),
    resources: array(resourceStatusSchema()),
    sourceHydrator: hydratorStatusSchema(),
    sourceType: string(),
    sourceTypes: strings(),
    summary: object({ externalURLs: strings(), images: strings(), isAppOfApps: boolean() }),
    sync: object(
      {
        comparedTo: object(
          {
            destination: destinationSchema(),
            ignoreDifferences: ignoreDifferencesSchema(),
            source: applicationSourceSchema(),
            sources: sources(),
          },
          { required: ['destination'] },
        ),
        revision: string(),
        revisions: strings(),
        status: string(),
      },
      { required: ['status'] },
    ),
  });
}

export function applicationSchema(): Schema {
  return resourceSchema(applicationSpecSchema(), statusSchema(), {
    extra: { operation: operationSchema() },
    required: ['metadata', 'spec'],
    description: 'Application is a definition of Application resource.',
  });
}
