import type { JsonSchemaProps } from './openapi.ts';

/**
 * The checks kube-apiserver makes before it accepts a CRD version's `openAPIV3Schema`
 * (apiextensions-apiserver `pkg/apiserver/schema/validation.go` and `complete.go`, and the v1
 * API validation of the schema keywords): the schema must be *structural* — every field typed,
 * unknown fields preserved only by explicit extension, value validations (`anyOf`/`allOf`/
 * `oneOf`/`not`) adding no structure of their own. Each problem is one line, path first, worded
 * as the API server words it:
 * `openAPIV3Schema.properties[spec].properties[x].type: Required value: must not be empty for specified object fields`.
 *
 * Not checked here: CEL rules and their cost, and whether defaults validate against the schema.
 */
export function structuralSchemaErrors(schema: JsonSchemaProps, path = 'openAPIV3Schema'): string[] {
  const errors: string[] = [];
  walk(schema, 'root', path, errors);
  return errors;
}

type Level = 'root' | 'field' | 'item';

const TYPES = new Set(['array', 'boolean', 'integer', 'number', 'object', 'string']);
const FORBIDDEN_KEYWORDS = [
  '$ref',
  '$schema',
  'definitions',
  'id',
  'additionalItems',
  'patternProperties',
  'dependencies',
];
const VALUE_VALIDATIONS = ['anyOf', 'allOf', 'oneOf'] as const;
/** What a schema inside `anyOf`/`allOf`/`oneOf`/`not` may not say, so that the structure stays in one place. */
const NESTED_FORBIDDEN: [string, string][] = [
  ['type', 'must be empty to be structural'],
  ['additionalProperties', 'must be undefined to be structural'],
  ['default', 'must be undefined to be structural'],
  ['title', 'must be empty to be structural'],
  ['description', 'must be empty to be structural'],
  ['nullable', 'must be false to be structural'],
  ['x-kubernetes-preserve-unknown-fields', 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', 'must be false to be structural'],
  ['x-kubernetes-int-or-string', 'must be false to be structural'],
  ['x-kubernetes-list-map-keys', 'must be empty to be structural'],
  ['x-kubernetes-list-type', 'must be undefined to be structural'],
  ['x-kubernetes-map-type', 'must be undefined to be structural'],
  ['x-kubernetes-validations', 'must be empty to be structural'],
];

function walk(s: JsonSchemaProps, level: Level, path: string, errors: string[]): void {
  const err = (at: string, message: string) => errors.push(`${path}${at}: ${message}`);
  for (const k of FORBIDDEN_KEYWORDS) if (k in s) err(`.${k}`, 'Forbidden: must not be used');
  if (s.uniqueItems === true) err('.uniqueItems', 'Forbidden: uniqueItems cannot be set to true');
  if (s.type !== undefined && !TYPES.has(s.type))
    err('.type', `Unsupported value: ${JSON.stringify(s.type)}: supported values: ${[...TYPES].join(', ')}`);
  if (s['x-kubernetes-preserve-unknown-fields'] === false)
    err('.x-kubernetes-preserve-unknown-fields', 'Invalid value: false: must be true or undefined');

  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (intOrString && preserve)
    err(
      '.x-kubernetes-preserve-unknown-fields',
      'Invalid value: true: must be false if x-kubernetes-int-or-string is true',
    );
  if (intOrString && embedded)
    err(
      '.x-kubernetes-embedded-resource',
      'Invalid value: true: must be false if x-kubernetes-int-or-string is true',
    );

  if (s.type === 'array' && !s.items) err('.items', 'Required value: must be specified');
  if (s.items) {
    if (Array.isArray(s.items)) err('.items', 'Forbidden: items must be a schema object and not an array');
    else walk(s.items, 'item', `${path}.items`, errors);
  }
  for (const [key, child] of Object.entries(s.properties ?? {}))
    walk(child, 'field', `${path}.properties[${key}]`, errors);
  if (s.additionalProperties !== undefined) {
    if (level === 'root') err('.additionalProperties', 'Forbidden: must not be used at the root');
    if (s.properties)
      err('.additionalProperties', 'Forbidden: additionalProperties and properties are mutual exclusive');
    if (embedded)
      err('.additionalProperties', 'Forbidden: must not be used if x-kubernetes-embedded-resource is set');
    if (typeof s.additionalProperties === 'object')
      walk(s.additionalProperties, 'field', `${path}.additionalProperties`, errors);
  }

  if (embedded && s.type !== 'object') {
    err(
      '.type',
      s.type
        ? `Invalid value: ${JSON.stringify(s.type)}: must be object if x-kubernetes-embedded-resource is true`
        : 'Required value: must be object if x-kubernetes-embedded-resource is true',
    );
  } else if (!s.type && !intOrString && !preserve) {
    const where =
      level === 'root'
        ? 'at the root'
        : level === 'item'
          ? 'for specified array items'
          : 'for specified object fields';
    err('.type', `Required value: must not be empty ${where}`);
  }
  if (level === 'root' && s.type && s.type !== 'object')
    err('.type', `Invalid value: ${JSON.stringify(s.type)}: must be object at the root`);
  if (embedded && !preserve && !s.properties)
    err(
      '.properties',
      'Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields',
    );

  const checkMetadata = level === 'root' || embedded;
  for (const key of ['kind', 'apiVersion']) {
    const t = s.properties?.[key]?.type;
    if (checkMetadata && s.properties?.[key] && t !== 'string')
      err(`.properties[${key}].type`, `Invalid value: ${JSON.stringify(t ?? '')}: must be string`);
  }
  const metadata = s.properties?.['metadata'];
  if (metadata) {
    if (checkMetadata && metadata.type !== 'object')
      err(
        '.properties[metadata].type',
        `Invalid value: ${JSON.stringify(metadata.type ?? '')}: must be object`,
      );
    if (level === 'root' && !metadataIsImplicit(metadata))
      err(
        '.properties[metadata]',
        'Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
      );
  }

  checkListAndMapTypes(s, err);
  if (typeof s.pattern === 'string') {
    try {
      new RegExp(s.pattern, 'u');
    } catch (e) {
      err(
        '.pattern',
        `Invalid value: ${JSON.stringify(s.pattern)}: must be a valid regular expression, but isn't: ${(e as Error).message}`,
      );
    }
  }
  checkValueValidations(s, intOrString, path, errors);
}

/** At the root `metadata` may only narrow `name` and `generateName`; everything else is the server's. */
function metadataIsImplicit(m: JsonSchemaProps): boolean {
  const allowed = new Set(['type', 'properties', 'description']);
  if (Object.keys(m).some((k) => !allowed.has(k))) return false;
  return Object.keys(m.properties ?? {}).every((k) => k === 'name' || k === 'generateName');
}

function checkListAndMapTypes(s: JsonSchemaProps, err: (at: string, message: string) => void): void {
  const listType = s['x-kubernetes-list-type'];
  if (listType !== undefined) {
    if (s.type !== 'array')
      err('.x-kubernetes-list-type', 'Invalid value: must only be used if type is array');
    if (!['atomic', 'set', 'map'].includes(listType))
      err(
        '.x-kubernetes-list-type',
        `Unsupported value: ${JSON.stringify(listType)}: supported values: "atomic", "set", "map"`,
      );
  }
  const keys = s['x-kubernetes-list-map-keys'];
  if (listType === 'map') {
    const item = s.items;
    if (!keys || keys.length === 0)
      err(
        '.x-kubernetes-list-map-keys',
        'Required value: must not be empty if x-kubernetes-list-type is map',
      );
    if (item && item.type !== 'object')
      err('.items.type', "Invalid value: must be object if parent array's x-kubernetes-list-type is map");
    for (const key of keys ?? []) {
      const prop = item?.properties?.[key];
      if (!prop)
        err(
          '.x-kubernetes-list-map-keys',
          `Invalid value: ${JSON.stringify(key)}: entries must all be names of item properties`,
        );
      else if (!item?.required?.includes(key) && prop.default === undefined)
        err(
          `.items.properties[${key}]`,
          'Required value: all map keys must be required or have a default value',
        );
    }
  } else if (keys !== undefined) {
    err('.x-kubernetes-list-map-keys', 'Forbidden: must be empty if x-kubernetes-list-type is not map');
  }
  const mapType = s['x-kubernetes-map-type'];
  if (mapType !== undefined) {
    if (s.type !== 'object')
      err('.x-kubernetes-map-type', 'Invalid value: must only be used if type is object');
    if (mapType !== 'granular' && mapType !== 'atomic')
      err(
        '.x-kubernetes-map-type',
        `Unsupported value: ${JSON.stringify(mapType)}: supported values: "granular", "atomic"`,
      );
  }
}

/** `[{type: integer}, {type: string}]`: the one `anyOf` that may carry types, for int-or-string. */
function isIntOrStringAnyOf(list: unknown): boolean {
  if (!Array.isArray(list) || list.length !== 2) return false;
  const [a, b] = list as JsonSchemaProps[];
  return (
    a?.type === 'integer' &&
    Object.keys(a).length === 1 &&
    b?.type === 'string' &&
    Object.keys(b).length === 1
  );
}

function checkValueValidations(
  s: JsonSchemaProps,
  intOrString: boolean,
  path: string,
  errors: string[],
): void {
  for (const keyword of VALUE_VALIDATIONS) {
    const list = s[keyword];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      errors.push(`${path}.${keyword}: Invalid value: must be a list of schemas`);
      continue;
    }
    if (keyword === 'anyOf' && intOrString && isIntOrStringAnyOf(list)) continue;
    list.forEach((nested: JsonSchemaProps, i) => {
      if (keyword === 'allOf' && i === 0 && intOrString && isIntOrStringAnyOf(nested.anyOf)) return;
      checkNested(nested, s, `${path}.${keyword}[${i}]`, path, errors);
    });
  }
  if (s.not !== undefined) checkNested(s.not as JsonSchemaProps, s, `${path}.not`, path, errors);
}

/** A schema inside a value validation: no structure of its own, and only fields the structure declares. */
function checkNested(
  v: JsonSchemaProps,
  s: JsonSchemaProps | undefined,
  vPath: string,
  sPath: string,
  errors: string[],
): void {
  for (const [key, message] of NESTED_FORBIDDEN)
    if (v[key] !== undefined && v[key] !== false) errors.push(`${vPath}.${key}: Forbidden: ${message}`);
  if (v.properties?.['metadata'] !== undefined && s?.properties?.['metadata'] === undefined)
    errors.push(`${vPath}.properties[metadata]: Forbidden: must not be specified in a nested context`);
  for (const [key, child] of Object.entries(v.properties ?? {})) {
    const declared =
      s?.properties?.[key] ??
      (typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined);
    if (!declared && !s?.['x-kubernetes-preserve-unknown-fields'])
      errors.push(
        `${sPath}.properties[${key}]: Required value: because it is defined in ${vPath}.properties[${key}]`,
      );
    checkNested(child, declared, `${vPath}.properties[${key}]`, `${sPath}.properties[${key}]`, errors);
  }
  if (v.items) {
    if (!s?.items && !s?.['x-kubernetes-preserve-unknown-fields'])
      errors.push(`${sPath}.items: Required value: because it is defined in ${vPath}.items`);
    checkNested(v.items, s?.items, `${vPath}.items`, `${sPath}.items`, errors);
  }
  for (const keyword of VALUE_VALIDATIONS) {
    const list = v[keyword];
    if (Array.isArray(list))
      list.forEach((n: JsonSchemaProps, i) => checkNested(n, s, `${vPath}.${keyword}[${i}]`, sPath, errors));
  }
  if (v.not !== undefined) checkNested(v.not as JsonSchemaProps, s, `${vPath}.not`, sPath, errors);
}
