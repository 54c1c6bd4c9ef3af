/**
 * Schema pieces shared by Flux's CRDs, with Flux's own patterns and bounds (Go durations,
 * `metav1.Condition`, artifacts, references, kustomize selectors and patches).
 */
import {
  anyValue,
  array,
  dateTime,
  int64,
  map,
  object,
  string,
  type PrinterColumn,
  type Schema,
} from '../../index.ts';

/** `metav1.Duration` as Flux validates it: `1m`, `1h30m`, `500ms`. */
export const duration = (options: { default?: string } = {}): Schema =>
  string({ pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$', ...options });
/** Source timeouts, which Flux bounds to minutes. */
export const timeout = (options: { default?: string } = {}): Schema =>
  string({ pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m))+$', ...options });

export const strings = (): Schema => array(string());
export const localRef = (): Schema => object({ name: string() }, { required: ['name'] });
export const secretKeyRef = (): Schema => object({ key: string(), name: string() }, { required: ['name'] });

export function conditionsSchema(): Schema {
  return array(
    object(
      {
        lastTransitionTime: dateTime(),
        message: string({ maxLength: 32768 }),
        observedGeneration: int64({ minimum: 0 }),
        reason: string({
          maxLength: 1024,
          minLength: 1,
          pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$',
        }),
        status: string({ enum: ['True', 'False', 'Unknown'] }),
        type: string({
          maxLength: 316,
          pattern:
            '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
        }),
      },
      { required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'] },
    ),
  );
}

export function artifactSchema(): Schema {
  return object(
    {
      digest: string({ pattern: '^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$' }),
      lastUpdateTime: dateTime(),
      metadata: map(),
      path: string(),
      revision: string(),
      size: int64(),
      url: string(),
    },
    { required: ['digest', 'lastUpdateTime', 'path', 'revision', 'url'] },
  );
}

export function accessFromSchema(): Schema {
  return object(
    { namespaceSelectors: array(object({ matchLabels: map() })) },
    { required: ['namespaceSelectors'] },
  );
}

export function labelSelectorSchema(): Schema {
  return object(
    {
      matchExpressions: array(
        object(
          { key: string(), operator: string(), values: array(string(), { listType: 'atomic' }) },
          { required: ['key', 'operator'] },
        ),
        { listType: 'atomic' },
      ),
      matchLabels: map(),
    },
    { mapType: 'atomic' },
  );
}

export function selectorSchema(): Schema {
  return object({
    annotationSelector: string(),
    group: string(),
    kind: string(),
    labelSelector: string(),
    name: string(),
    namespace: string(),
    version: string(),
  });
}

export const patchesSchema = (): Schema =>
  array(object({ patch: string(), target: selectorSchema() }, { required: ['patch'] }));

export const imagesSchema = (): Schema =>
  array(
    object({ digest: string(), name: string(), newName: string(), newTag: string() }, { required: ['name'] }),
  );

/** The deprecated `patchesStrategicMerge` (any objects) and `patchesJson6902` of older versions. */
export function deprecatedPatchesSchemas(): Record<string, Schema> {
  return {
    patchesJson6902: array(
      object(
        {
          patch: array(
            object(
              {
                from: string(),
                op: string({ enum: ['test', 'remove', 'add', 'replace', 'move', 'copy'] }),
                path: string(),
                value: anyValue(),
              },
              { required: ['op', 'path'] },
            ),
          ),
          target: selectorSchema(),
        },
        { required: ['patch', 'target'] },
      ),
    ),
    patchesStrategicMerge: array(anyValue()),
  };
}

export const ignoreRulesSchema = (): Schema =>
  array(object({ paths: strings(), target: selectorSchema() }, { required: ['paths'] }));

export const healthCheckExprsSchema = (): Schema =>
  array(
    object(
      { apiVersion: string(), current: string(), failed: string(), inProgress: string(), kind: string() },
      { required: ['apiVersion', 'current'] },
    ),
  );

export function kubeConfigSchema(): Schema {
  const oneOf = 'exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified';
  return object(
    { configMapRef: localRef(), secretRef: secretKeyRef() },
    {
      validations: [
        { message: oneOf, rule: 'has(self.configMapRef) || has(self.secretRef)' },
        { message: oneOf, rule: '!has(self.configMapRef) || !has(self.secretRef)' },
      ],
    },
  );
}

export const inventorySchema = (): Schema =>
  object(
    { entries: array(object({ id: string(), v: string() }, { required: ['id', 'v'] })) },
    { required: ['entries'] },
  );

export function ociVerifySchema(providers: string[], trustedRoot: boolean): Schema {
  return object(
    {
      matchOIDCIdentity: array(
        object({ issuer: string(), subject: string() }, { required: ['issuer', 'subject'] }),
      ),
      provider: string({ enum: providers, default: 'cosign' }),
      secretRef: localRef(),
      ...(trustedRoot ? { trustedRootSecretRef: localRef() } : {}),
    },
    { required: ['provider'] },
  );
}

/** Status fields every Flux kind has, and the `observedGeneration: -1` default Flux's CRDs set. */
export function reconcileStatusSchema(fields: Record<string, Schema>): Schema {
  return object(
    {
      conditions: conditionsSchema(),
      lastHandledReconcileAt: string(),
      observedGeneration: int64(),
      ...fields,
    },
    { default: { observedGeneration: -1 } },
  );
}

const READY = '.status.conditions[?(@.type=="Ready")]';
export const readyColumn: PrinterColumn = { name: 'Ready', type: 'string', jsonPath: `${READY}.status` };
export const statusColumn: PrinterColumn = { name: 'Status', type: 'string', jsonPath: `${READY}.message` };
export const ageColumn: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};
export const urlColumn: PrinterColumn = { name: 'URL', type: 'string', jsonPath: '.spec.url' };
