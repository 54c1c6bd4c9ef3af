import type { FieldError } from '../errors.ts';
import type { JsonSchema } from './schema-types.ts';
import { validateSchema } from './schema-validate.ts';

/** What checking an object against a structural schema found. */
export interface SchemaResult {
  /** Fields dropped because the schema does not declare them (for fieldValidation). */
  unknownFields: string[];
  errors: FieldError[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Brings a custom resource in line with its CRD's structural schema, in kube-apiserver's order:
 * prune undeclared fields (unless `x-kubernetes-preserve-unknown-fields`) and nulls the schema
 * does not allow, apply `default`s, then validate types, required, enum, bounds, lengths,
 * patterns, formats and the combinators. `apiVersion`, `kind` and `metadata` of the root (and of
 * embedded resources) are the API server's, not the schema's.
 */
export function applySchema(object: Obj, schema: JsonSchema | undefined): SchemaResult {
  const result: SchemaResult = { unknownFields: [], errors: [] };
  if (!schema) return result;
  prune(object, schema, '', true, result);
  applyDefaults(object, schema, true);
  result.errors.push(...validateSchema(object, schema));
  return result;
}

/** The schema's `default`s alone, in place (what server-side apply compares after merging). */
export function applySchemaDefaults(object: Obj, schema: JsonSchema | undefined): void {
  if (schema) applyDefaults(object, schema, true);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function preserves(s: JsonSchema): boolean {
  return s['x-kubernetes-preserve-unknown-fields'] === true;
}

function prune(value: unknown, s: JsonSchema, path: string, isRoot: boolean, r: SchemaResult): void {
  if (Array.isArray(value)) {
    if (s.items) value.forEach((v, i) => prune(v, s.items!, `${path}[${i}]`, false, r));
    return;
  }
  if (!isObj(value)) return;
  const system = isRoot || s['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(value)) {
    if (system && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
    const child = value[key];
    const prop = s.properties?.[key] ?? (isObj(s.additionalProperties) ? s.additionalProperties : undefined);
    if (!prop) {
      if (preserves(s) || s.additionalProperties === true) continue;
      delete value[key];
      r.unknownFields.push(join(path, key));
      continue;
    }
    if (child === null && !prop.nullable) {
      // Nulls the schema does not allow are dropped before defaulting, as on a real server.
      delete value[key];
      continue;
    }
    prune(child, prop, join(path, key), false, r);
  }
}

function applyDefaults(value: unknown, s: JsonSchema, isRoot: boolean): void {
  if (Array.isArray(value)) {
    if (s.items) for (const v of value) applyDefaults(v, s.items, false);
    return;
  }
  if (!isObj(value)) return;
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    if (isRoot && key === 'metadata') continue;
    if (value[key] === undefined && prop.default !== undefined) value[key] = structuredClone(prop.default);
    if (value[key] !== undefined) applyDefaults(value[key], prop, false);
  }
  if (isObj(s.additionalProperties)) {
    for (const [key, v] of Object.entries(value)) {
      if (!s.properties?.[key]) applyDefaults(v, s.additionalProperties, false);
    }
  }
}
