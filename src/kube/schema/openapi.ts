import { builtinModelNode } from './builtin.ts';
import type { ListType, MapType, ScalarType, SchemaNode, SchemaNodeKind } from './types.ts';
import { ANY, INT_OR_STRING } from './untyped.ts';

/**
 * Schema nodes over an OpenAPI v3 schema: a CRD's `openAPIV3Schema` (structural schema) with the
 * Kubernetes extensions that drive server-side apply (`x-kubernetes-list-type`, `-list-map-keys`,
 * `-map-type`, `-preserve-unknown-fields`, `-int-or-string`, `-embedded-resource`). The SMP
 * extensions (`x-kubernetes-patch-strategy`, `-patch-merge-key`) are read too, so an OpenAPI
 * document of built-in types, or a test schema, can drive strategic merge patch.
 */
export interface JsonSchemaProps {
  type?: string;
  properties?: Record<string, JsonSchemaProps>;
  additionalProperties?: JsonSchemaProps | boolean;
  items?: JsonSchemaProps;
  required?: string[];
  default?: unknown;
  nullable?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  [key: string]: unknown;
}

function scalarTypeOf(type: string | undefined, format: unknown): ScalarType {
  switch (type) {
    case 'string':
      return format === 'date-time' ? 'time' : 'string';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'unknown';
  }
}

function kindOf(s: JsonSchemaProps): SchemaNodeKind {
  if (s['x-kubernetes-int-or-string']) return 'intOrString';
  if (s.type === 'array') return 'list';
  if (s.type === 'object' || s.properties || s.additionalProperties) {
    if (s.properties || s['x-kubernetes-embedded-resource']) return 'struct';
    if (s.additionalProperties !== undefined && s.additionalProperties !== false) return 'map';
    return s['x-kubernetes-preserve-unknown-fields'] ? 'any' : 'struct';
  }
  if (s.type === undefined) return 'any';
  return 'scalar';
}

/** Fields every Kubernetes object has, whatever its schema says (the server adds them). */
const OBJECT_FIELDS = ['apiVersion', 'kind', 'metadata'];

class OpenApiNode implements SchemaNode {
  readonly kind: SchemaNodeKind;
  readonly typeName: string;
  readonly model = undefined;
  readonly patchStrategy: string | undefined;
  readonly patchMergeKey: string | undefined;
  readonly listType: ListType | undefined;
  readonly listMapKeys: readonly string[];
  readonly mapType: MapType | undefined;
  readonly scalarType: ScalarType | undefined;
  readonly knownFields: readonly string[];
  readonly preserveUnknownFields: boolean;
  readonly embeddedResource: boolean;
  readonly goValueFields: ReadonlyMap<string, 'struct' | 'time' | 'nil'> = new Map();
  private readonly schema: JsonSchemaProps;
  private readonly isObjectRoot: boolean;
  private readonly fields = new Map<string, SchemaNode>();
  private element: SchemaNode | undefined;

  constructor(schema: JsonSchemaProps, typeName: string, isObjectRoot: boolean) {
    this.schema = schema;
    this.typeName = typeName;
    this.kind = kindOf(schema);
    this.isObjectRoot = isObjectRoot || schema['x-kubernetes-embedded-resource'] === true;
    this.embeddedResource = schema['x-kubernetes-embedded-resource'] === true;
    this.patchStrategy = schema['x-kubernetes-patch-strategy'];
    this.patchMergeKey = schema['x-kubernetes-patch-merge-key'];
    this.preserveUnknownFields =
      schema['x-kubernetes-preserve-unknown-fields'] === true || this.kind === 'any';
    this.scalarType = this.kind === 'scalar' ? scalarTypeOf(schema.type, schema.format) : undefined;
    if (this.kind === 'list') {
      const explicit = schema['x-kubernetes-list-type'] as ListType | undefined;
      const strategies = this.patchStrategy?.split(',') ?? [];
      // Without a list type, a merge patch strategy implies one (as kube-openapi derives it).
      this.listType =
        explicit ?? (strategies.includes('merge') ? (this.patchMergeKey ? 'map' : 'set') : 'atomic');
      this.listMapKeys =
        schema['x-kubernetes-list-map-keys'] ??
        (this.listType === 'map' && this.patchMergeKey ? [this.patchMergeKey] : []);
    } else {
      this.listType = undefined;
      this.listMapKeys = [];
    }
    this.mapType =
      this.kind === 'struct' || this.kind === 'map'
        ? schema['x-kubernetes-map-type'] === 'atomic'
          ? 'atomic'
          : 'granular'
        : undefined;
    const declared = Object.keys(schema.properties ?? {});
    this.knownFields =
      this.kind === 'struct' && this.isObjectRoot
        ? [...OBJECT_FIELDS.filter((f) => !declared.includes(f)), ...declared]
        : declared;
  }

  field(name: string): SchemaNode | undefined {
    if (this.kind === 'any') return ANY;
    if (this.kind !== 'struct') return undefined;
    let node = this.fields.get(name);
    if (node) return node;
    const prop = this.schema.properties?.[name];
    if (this.isObjectRoot && name === 'metadata') {
      // The server validates metadata as ObjectMeta whatever the CRD says (it may only restrict name).
      node = builtinModelNode('V1ObjectMeta') ?? ANY;
    } else if (this.isObjectRoot && (name === 'apiVersion' || name === 'kind') && !prop) {
      node = openApiNode({ type: 'string' }, name);
    } else if (prop) {
      node = new OpenApiNode(prop, this.typeName ? `${this.typeName}.${name}` : name, false);
    } else if (this.preserveUnknownFields) {
      node = ANY;
    } else {
      return undefined;
    }
    this.fields.set(name, node);
    return node;
  }

  elements(): SchemaNode {
    if (this.element) return this.element;
    let sub: JsonSchemaProps | undefined;
    if (this.kind === 'list') sub = this.schema.items;
    else if (this.kind === 'map' && typeof this.schema.additionalProperties === 'object') {
      sub = this.schema.additionalProperties;
    }
    this.element = sub ? new OpenApiNode(sub, `${this.typeName}[]`, false) : ANY;
    return this.element;
  }

  listMapKeyDefault(key: string): unknown {
    if (this.kind !== 'list') return undefined;
    return this.schema.items?.properties?.[key]?.default;
  }
}

/** A node over any OpenAPI v3 schema (not an object root). */
export function openApiNode(schema: JsonSchemaProps, typeName = ''): SchemaNode {
  if (schema['x-kubernetes-int-or-string']) return INT_OR_STRING;
  return new OpenApiNode(schema, typeName, false);
}

/**
 * The root node of a custom resource whose version schema is `schema` (a CRD's
 * `spec.versions[].schema.openAPIV3Schema`); `apiVersion`, `kind` and `metadata` are always known.
 * Without a schema every field is untyped and preserved.
 */
export function customResourceNode(schema: JsonSchemaProps | undefined): SchemaNode {
  return new OpenApiNode(
    schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: {} },
    '',
    true,
  );
}
