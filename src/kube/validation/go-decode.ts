import type { SchemaNode } from '../schema/types.ts';

/**
 * What decoding a body into the API's Go types refuses, found before anything is stored: a value
 * of the wrong JSON type (`data: {a: {b: c}}` in a ConfigMap, `replicas: "3"`, a label `true`).
 * kube-apiserver answers these with encoding/json's error, which this reproduces:
 * `json: cannot unmarshal object into Go struct field ConfigMap.data of type string`.
 *
 * Where the schema cannot tell a plain string from a `resource.Quantity` (client-node types both
 * as `string`, and a Quantity also decodes from a JSON number), numbers and booleans are let
 * through, except in the maps known to hold only strings: ConfigMap and Secret data, labels and
 * annotations, where the mistake is common and kube-apiserver refuses it.
 */
const STRING_ONLY: ReadonlySet<string> = new Set([
  'ConfigMap.data',
  'ConfigMap.binaryData',
  'Secret.data',
  'Secret.stringData',
  'ObjectMeta.labels',
  'ObjectMeta.annotations',
]);

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  return 'string';
}

/** The Go spelling of a node's type, as encoding/json prints it. */
function goType(node: SchemaNode): string {
  switch (node.kind) {
    case 'struct':
      return `v1.${node.typeName}`;
    case 'list':
      return `[]${goType(node.elements())}`;
    case 'map':
      return `map[string]${goType(node.elements())}`;
    case 'intOrString':
      return 'intstr.IntOrString';
    case 'any':
      return 'interface {}';
    default:
      return node.typeName === 'Time' ? 'v1.Time' : node.typeName;
  }
}

interface Place {
  /** The innermost struct's Go name. */
  struct: string;
  /** JSON field names from the root, without list indices or map keys. */
  path: string;
  /** Numbers and booleans are refused where a string is expected. */
  stringsOnly: boolean;
}

/** The first value `root` cannot decode, in encoding/json's words; undefined when all decode. */
export function goDecodeError(value: unknown, root: SchemaNode): string | undefined {
  return check(value, root, { struct: root.typeName, path: '', stringsOnly: false });
}

function refuse(value: unknown, node: SchemaNode, at: Place): string {
  const what = typeof value === 'number' ? `number ${String(value)}` : jsonKind(value);
  return at.path === ''
    ? `json: cannot unmarshal ${what} into Go value of type ${goType(node)}`
    : `json: cannot unmarshal ${what} into Go struct field ${at.struct}.${at.path} of type ${goType(node)}`;
}

function check(value: unknown, node: SchemaNode, at: Place): string | undefined {
  if (value === null || value === undefined || node.kind === 'any') return undefined;
  switch (node.kind) {
    case 'struct': {
      if (jsonKind(value) !== 'object') return refuse(value, node, at);
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const child = node.field(key);
        if (!child) continue; // unknown fields are strict decoding's business
        const err = check(v, child, {
          struct: node.typeName,
          path: at.path ? `${at.path}.${key}` : key,
          stringsOnly: STRING_ONLY.has(`${node.typeName}.${key}`),
        });
        if (err) return err;
      }
      return undefined;
    }
    case 'map':
    case 'list': {
      if (jsonKind(value) !== (node.kind === 'map' ? 'object' : 'array')) return refuse(value, node, at);
      const element = node.elements();
      for (const v of Object.values(value as Record<string, unknown>)) {
        const err = check(v, element, at);
        if (err) return err;
      }
      return undefined;
    }
    case 'intOrString':
      return typeof value === 'number' || typeof value === 'string' ? undefined : refuse(value, node, at);
    default:
      return scalarError(value, node, at);
  }
}

function scalarError(value: unknown, node: SchemaNode, at: Place): string | undefined {
  const kind = jsonKind(value);
  switch (node.scalarType) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : refuse(value, node, at);
    case 'number':
      return kind === 'number' ? undefined : refuse(value, node, at);
    case 'boolean':
      return kind === 'bool' ? undefined : refuse(value, node, at);
    case 'string':
      if (kind === 'string') return undefined;
      return kind === 'object' || kind === 'array' || at.stringsOnly ? refuse(value, node, at) : undefined;
    default:
      return kind === 'object' || kind === 'array' ? refuse(value, node, at) : undefined;
  }
}
