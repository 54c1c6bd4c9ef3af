import { modelAttributes, parseModelName, type ModelAttribute } from './models.ts';
import { fieldMeta, goValueFields, isAtomicStruct, keyDefault, type FieldMeta } from './tables.ts';
import type { ListType, MapType, ScalarType, SchemaNode, SchemaNodeKind } from './types.ts';
import { ANY, INT_OR_STRING, scalarNode } from './untyped.ts';

/**
 * Schema nodes of built-in types: the type graph comes from client-node's `attributeTypeMap`
 * (`Array<V1Container>`, `{ [key: string]: string; }`, `IntOrString`, …), field metadata from our
 * SMP/SSA tables. Nodes are built on first use and cached, so a walk allocates nothing after warm-up.
 */

const NO_META: FieldMeta = {};

/** The SSA list type a field gets: its marker, else what kube-openapi derives from the SMP tags. */
function effectiveListType(meta: FieldMeta): { listType: ListType; keys: readonly string[] } {
  if (meta.listType) return { listType: meta.listType, keys: meta.listMapKeys ?? [] };
  const strategies = meta.patchStrategy?.split(',') ?? [];
  if (strategies.includes('merge')) {
    return meta.patchMergeKey
      ? { listType: 'map', keys: [meta.patchMergeKey] }
      : { listType: 'set', keys: [] };
  }
  return { listType: 'atomic', keys: [] };
}

abstract class BuiltinNode implements SchemaNode {
  abstract readonly kind: SchemaNodeKind;
  abstract readonly typeName: string;
  readonly model: string | undefined = undefined;
  readonly patchStrategy: string | undefined;
  readonly patchMergeKey: string | undefined;
  readonly listType: ListType | undefined = undefined;
  readonly listMapKeys: readonly string[] = [];
  readonly mapType: MapType | undefined = undefined;
  readonly scalarType: ScalarType | undefined = undefined;
  readonly knownFields: readonly string[] = [];
  readonly preserveUnknownFields: boolean = false;
  readonly embeddedResource = false;
  readonly goValueFields: ReadonlyMap<string, 'struct' | 'time' | 'nil'> = new Map();

  constructor(meta: FieldMeta) {
    this.patchStrategy = meta.patchStrategy;
    this.patchMergeKey = meta.patchMergeKey;
  }

  field(_name: string): SchemaNode | undefined {
    return undefined;
  }

  elements(): SchemaNode {
    return ANY;
  }

  listMapKeyDefault(_key: string): unknown {
    return undefined;
  }
}

class StructNode extends BuiltinNode {
  readonly kind = 'struct';
  override readonly typeName: string;
  override readonly model: string;
  override readonly mapType: MapType;
  override readonly knownFields: readonly string[];
  override readonly goValueFields: ReadonlyMap<string, 'struct' | 'time' | 'nil'>;
  private readonly attrs: Map<string, ModelAttribute>;
  private readonly fields = new Map<string, SchemaNode>();

  constructor(model: string, attrs: readonly ModelAttribute[], meta: FieldMeta) {
    super(meta);
    this.model = model;
    this.typeName = parseModelName(model)?.goType ?? model;
    this.mapType = meta.structType ?? (isAtomicStruct(model) ? 'atomic' : 'granular');
    this.attrs = new Map(attrs.map((a) => [a.baseName, a]));
    this.knownFields = attrs.map((a) => a.baseName);
    this.goValueFields = goValueFields(model);
  }

  override field(name: string): SchemaNode | undefined {
    let node = this.fields.get(name);
    if (node) return node;
    const attr = this.attrs.get(name);
    if (!attr) return undefined;
    node = nodeForType(attr.type, attr.format, fieldMeta(this.model, name) ?? NO_META);
    this.fields.set(name, node);
    return node;
  }
}

class ListNode extends BuiltinNode {
  readonly kind = 'list';
  override readonly typeName: string;
  override readonly listType: ListType;
  override readonly listMapKeys: readonly string[];
  private readonly element: SchemaNode;

  constructor(elementType: string, meta: FieldMeta) {
    super(meta);
    this.typeName = `Array<${elementType}>`;
    const { listType, keys } = effectiveListType(meta);
    this.listType = listType;
    this.listMapKeys = keys;
    this.element = nodeForType(elementType, '', NO_META);
  }

  override elements(): SchemaNode {
    return this.element;
  }

  override listMapKeyDefault(key: string): unknown {
    const model = this.element.model;
    return model === undefined ? undefined : keyDefault(model, key);
  }
}

class MapNode extends BuiltinNode {
  readonly kind = 'map';
  override readonly typeName: string;
  override readonly mapType: MapType;
  private readonly element: SchemaNode;

  constructor(elementType: string, meta: FieldMeta) {
    super(meta);
    this.typeName = `{ [key: string]: ${elementType}; }`;
    this.mapType = meta.mapType ?? 'granular';
    this.element = nodeForType(elementType, '', NO_META);
  }

  override elements(): SchemaNode {
    return this.element;
  }
}

const cache = new Map<string, SchemaNode>();

function metaKey(meta: FieldMeta): string {
  return meta === NO_META ? '' : JSON.stringify(meta);
}

function scalarFor(type: string, format: string): SchemaNode | undefined {
  switch (type) {
    case 'string':
      return scalarNode('string');
    case 'number':
      // The Go type, for decoding errors in the API server's words.
      if (format === 'double') return scalarNode('number', 'float64');
      if (format === 'float') return scalarNode('number', 'float32');
      return scalarNode('integer', format === 'int64' ? 'int64' : 'int32');
    case 'boolean':
      return scalarNode('boolean', 'bool');
    case 'Date':
      return scalarNode('time', 'Time');
    case 'any':
      return ANY;
    case 'IntOrString':
      return INT_OR_STRING;
    default:
      return undefined;
  }
}

/** The node for a client-node type string reached through a field with the given metadata. */
function nodeForType(type: string, format: string, meta: FieldMeta): SchemaNode {
  const scalar = scalarFor(type, format);
  if (scalar) return scalar;
  const key = `${type}|${metaKey(meta)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let node: SchemaNode;
  if (type.startsWith('Array<') && type.endsWith('>')) {
    node = new ListNode(type.slice(6, -1), meta);
  } else if (type.startsWith('{ [key: string]: ') && type.endsWith('; }')) {
    node = new MapNode(type.slice(17, -3), meta);
  } else {
    const attrs = modelAttributes(type);
    node = attrs ? new StructNode(type, attrs, meta) : ANY;
  }
  cache.set(key, node);
  return node;
}

/** The struct node of a client-node model (`V1Deployment`), or undefined when there is none. */
export function builtinModelNode(model: string): SchemaNode | undefined {
  if (!modelAttributes(model)) return undefined;
  return nodeForType(model, '', NO_META);
}
