import type { FieldError } from '../errors.ts';
import type { JsonSchema } from './schema-types.ts';

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
  validate(object, schema, '', result, true);
  return result;
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

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? 'null');
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: unknown, s: JsonSchema): boolean {
  if (v === null) return s.nullable === true;
  if (s['x-kubernetes-int-or-string'])
    return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
  switch (s.type) {
    case undefined:
      return true;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isObj(v);
    default:
      return typeof v === s.type;
  }
}

function validate(v: unknown, s: JsonSchema, path: string, r: SchemaResult, isRoot = false): void {
  const errorsBefore = r.errors.length;
  const err = (reason: string, message: string) =>
    r.errors.push({ reason, field: path || '<root>', message });
  if (!typeMatches(v, s)) {
    const expected = s['x-kubernetes-int-or-string'] ? 'integer or string' : (s.type ?? 'any');
    err(
      'FieldValueTypeInvalid',
      `Invalid value: ${show(v)}: ${path} in body must be of type ${expected}: ${JSON.stringify(typeOf(v))}`,
    );
    return;
  }
  if (v === null) return;
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    err(
      'FieldValueNotSupported',
      `Unsupported value: ${show(v)}: supported values: ${s.enum.map(show).join(', ')}`,
    );
  }
  if (typeof v === 'number') validateNumber(v, s, path, err);
  if (typeof v === 'string') validateString(v, s, path, err);
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) {
      err(
        'FieldValueInvalid',
        `Invalid value: ${v.length}: ${path} in body should have at least ${s.minItems} items`,
      );
    }
    if (s.maxItems !== undefined && v.length > s.maxItems) {
      err('FieldValueTooMany', `Too many: ${v.length}: must have at most ${s.maxItems} items`);
    }
    if (s.uniqueItems) {
      const seen = new Set<string>();
      for (const item of v) {
        const key = JSON.stringify(item);
        if (seen.has(key)) err('FieldValueDuplicate', `Duplicate value: ${show(item)}`);
        seen.add(key);
      }
    }
    if (s.items) v.forEach((item, i) => validate(item, s.items!, `${path}[${i}]`, r));
  }
  if (isObj(v)) {
    for (const req of s.required ?? []) {
      if (v[req] === undefined)
        r.errors.push({ reason: 'FieldValueRequired', field: join(path, req), message: 'Required value' });
    }
    const count = Object.keys(v).length;
    if (s.minProperties !== undefined && count < s.minProperties) {
      err(
        'FieldValueInvalid',
        `Invalid value: ${count}: ${path} in body should have at least ${s.minProperties} properties`,
      );
    }
    if (s.maxProperties !== undefined && count > s.maxProperties) {
      err('FieldValueTooMany', `Too many: ${count}: must have at most ${s.maxProperties} items`);
    }
    for (const [key, child] of Object.entries(v)) {
      if (
        (isRoot || s['x-kubernetes-embedded-resource']) &&
        (key === 'apiVersion' || key === 'kind' || key === 'metadata')
      )
        continue;
      const prop =
        s.properties?.[key] ?? (isObj(s.additionalProperties) ? s.additionalProperties : undefined);
      if (prop) validate(child, prop, join(path, key), r);
    }
  }
  validateCombinators(v, s, path, r, errorsBefore);
}

function validateNumber(
  v: number,
  s: JsonSchema,
  path: string,
  err: (reason: string, m: string) => void,
): void {
  if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) {
    err(
      'FieldValueInvalid',
      `Invalid value: ${v}: ${path} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${s.maximum}`,
    );
  }
  if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) {
    err(
      'FieldValueInvalid',
      `Invalid value: ${v}: ${path} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${s.minimum}`,
    );
  }
  if (s.multipleOf !== undefined && s.multipleOf > 0 && !Number.isInteger(v / s.multipleOf)) {
    err('FieldValueInvalid', `Invalid value: ${v}: ${path} in body should be a multiple of ${s.multipleOf}`);
  }
  if (s.format === 'int32' && (v < -(2 ** 31) || v >= 2 ** 31)) {
    err('FieldValueInvalid', `Invalid value: ${v}: ${path} in body must be of type int32: "${v}"`);
  }
}

const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/,
  ipv4: /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/,
  byte: /^[A-Za-z0-9+/]*={0,2}$/,
};

function validateString(
  v: string,
  s: JsonSchema,
  path: string,
  err: (reason: string, m: string) => void,
): void {
  const length = [...v].length;
  if (s.maxLength !== undefined && length > s.maxLength)
    err('FieldValueTooLong', `Too long: may not be longer than ${s.maxLength}`);
  if (s.minLength !== undefined && length < s.minLength) {
    err(
      'FieldValueInvalid',
      `Invalid value: ${show(v)}: ${path} in body should be at least ${s.minLength} chars long`,
    );
  }
  if (s.pattern !== undefined) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(s.pattern, 'u');
    } catch {
      re = undefined;
    }
    if (re && !re.test(v))
      err('FieldValueInvalid', `Invalid value: ${show(v)}: ${path} in body should match '${s.pattern}'`);
  }
  const format = s.format ? FORMATS[s.format] : undefined;
  if (format && !format.test(v))
    err(
      'FieldValueInvalid',
      `Invalid value: ${show(v)}: ${path} in body must be of type ${s.format}: ${show(v)}`,
    );
}

function validateCombinators(
  v: unknown,
  s: JsonSchema,
  path: string,
  r: SchemaResult,
  _before: number,
): void {
  const passes = (sub: JsonSchema) => {
    const probe: SchemaResult = { unknownFields: [], errors: [] };
    validate(v, { type: s.type, ...sub }, path, probe);
    return probe.errors.length === 0;
  };
  for (const sub of s.allOf ?? []) validate(v, { type: s.type, ...sub }, path, r);
  if (s.anyOf && !s.anyOf.some(passes)) {
    r.errors.push({
      reason: 'FieldValueInvalid',
      field: path || '<root>',
      message: `Invalid value: ${show(v)}: ${path} in body must validate at least one schema (anyOf)`,
    });
  }
  if (s.oneOf && s.oneOf.filter(passes).length !== 1) {
    r.errors.push({
      reason: 'FieldValueInvalid',
      field: path || '<root>',
      message: `Invalid value: ${show(v)}: ${path} in body must validate one and only one schema (oneOf)`,
    });
  }
  if (s.not && passes(s.not)) {
    r.errors.push({
      reason: 'FieldValueInvalid',
      field: path || '<root>',
      message: `Invalid value: ${show(v)}: ${path} in body should not validate the schema (not)`,
    });
  }
}
