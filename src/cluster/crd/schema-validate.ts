import type { FieldError } from '../errors.ts';
import type { JsonSchema } from './schema-types.ts';

interface Result {
  errors: FieldError[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Validates a (pruned, defaulted) custom resource against its structural schema and returns every
 * failed field, worded as kube-apiserver words them: types, enum, bounds, lengths, patterns,
 * formats, required, item and property counts, and the allOf/anyOf/oneOf/not combinators.
 */
export function validateSchema(object: Obj, schema: JsonSchema): FieldError[] {
  const r: Result = { errors: [] };
  validate(object, schema, '', r, true);
  return r.errors;
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

function validate(v: unknown, s: JsonSchema, path: string, r: Result, isRoot = false): void {
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

function validateCombinators(v: unknown, s: JsonSchema, path: string, r: Result, _before: number): void {
  const passes = (sub: JsonSchema) => {
    const probe: Result = { errors: [] };
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
