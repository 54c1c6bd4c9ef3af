/**
 * A few constructors for structural OpenAPI v3 schemas, so that the front ends can write their
 * CRDs' schemas as short, readable TypeScript (`object({ url: string({ pattern }) }, { required:
 * ['url'] })`) and share sub-schemas between versions and kinds instead of repeating YAML.
 * The results are plain `JsonSchemaProps` objects; nothing here knows Argo CD or Flux.
 */
import type { JsonSchemaProps } from '../kube/index.ts';

export type Schema = JsonSchemaProps;

/** A CEL rule (`x-kubernetes-validations`): enforced by a real API server, recorded by ours. */
export interface ValidationRule {
  rule: string;
  message: string;
}

interface Common {
  description?: string;
}

/** Copies the options that are set (an `undefined` option must not appear as a key in the CRD). */
function withOptions(base: Schema, options: Record<string, unknown>): Schema {
  const out: Schema = { ...base };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = value;
  return out;
}

export interface StringOptions extends Common {
  enum?: readonly string[];
  pattern?: string;
  format?: string;
  default?: string;
  minLength?: number;
  maxLength?: number;
}

export function string(options: StringOptions = {}): Schema {
  const { enum: values, ...rest } = options;
  return withOptions({ type: 'string' }, { ...rest, enum: values ? [...values] : undefined });
}

/** `metav1.Time`: an RFC 3339 timestamp. */
export function dateTime(options: Common = {}): Schema {
  return string({ ...options, format: 'date-time' });
}

export interface NumberOptions extends Common {
  format?: 'int32' | 'int64' | 'double' | 'float';
  minimum?: number;
  maximum?: number;
  default?: number;
}

export function integer(options: NumberOptions = {}): Schema {
  return withOptions({ type: 'integer' }, { ...options });
}

/** Go's `int64`, as controller-gen writes it. */
export function int64(options: Omit<NumberOptions, 'format'> = {}): Schema {
  return integer({ ...options, format: 'int64' });
}

export function number(options: NumberOptions = {}): Schema {
  return withOptions({ type: 'number' }, { ...options });
}

export function boolean(options: Common & { default?: boolean } = {}): Schema {
  return withOptions({ type: 'boolean' }, { ...options });
}

export interface ObjectOptions extends Common {
  required?: readonly string[];
  default?: unknown;
  validations?: readonly ValidationRule[];
  mapType?: 'atomic' | 'granular';
  minProperties?: number;
}

export function object(properties: Record<string, Schema>, options: ObjectOptions = {}): Schema {
  const { required, validations, mapType, ...rest } = options;
  return withOptions(
    { type: 'object', properties },
    {
      ...rest,
      required: required && required.length > 0 ? [...required] : undefined,
      'x-kubernetes-validations': validations && validations.length > 0 ? [...validations] : undefined,
      'x-kubernetes-map-type': mapType,
    },
  );
}

export interface ArrayOptions extends Common {
  default?: unknown[];
  minItems?: number;
  maxItems?: number;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: readonly string[];
}

export function array(items: Schema, options: ArrayOptions = {}): Schema {
  const { listType, listMapKeys, ...rest } = options;
  return withOptions(
    { type: 'array', items },
    {
      ...rest,
      'x-kubernetes-list-type': listType,
      'x-kubernetes-list-map-keys': listMapKeys ? [...listMapKeys] : undefined,
    },
  );
}

/** `map[string]T` (string values by default): an object with `additionalProperties`. */
export function map(values: Schema = string(), options: Common = {}): Schema {
  return withOptions({ type: 'object', additionalProperties: values }, { ...options });
}

/** Any JSON value, kept as sent (`apiextensionsv1.JSON`). */
export function anyValue(options: Common = {}): Schema {
  return withOptions({ 'x-kubernetes-preserve-unknown-fields': true }, { ...options });
}

/** A JSON object whose fields are kept as sent (`runtime.RawExtension` of an object, Helm values). */
export function anyObject(options: Common = {}): Schema {
  return withOptions({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, { ...options });
}

/** `intstr.IntOrString`. */
export function intOrString(options: Common = {}): Schema {
  return withOptions(
    { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
    { ...options },
  );
}

export interface RootOptions extends Common {
  /** Top-level fields besides apiVersion, kind, metadata, spec and status (Argo's `operation`). */
  extra?: Record<string, Schema>;
  required?: readonly string[];
}

/** The schema of a whole custom resource: `apiVersion`, `kind`, `metadata` left to the server, then ours. */
export function resourceSchema(
  spec: Schema | undefined,
  status: Schema | undefined,
  options: RootOptions = {},
): Schema {
  const properties: Record<string, Schema> = {
    apiVersion: string(),
    kind: string(),
    metadata: { type: 'object' },
    ...options.extra,
  };
  if (spec) properties['spec'] = spec;
  if (status) properties['status'] = status;
  return object(properties, { required: options.required, description: options.description });
}
