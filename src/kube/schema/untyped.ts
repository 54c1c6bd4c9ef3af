import type { ScalarType, SchemaNode, SchemaNodeKind } from './types.ts';

/**
 * Nodes with no type information: `ANY` is structured-merge-diff's "deduced" type (objects merge
 * key by key, lists are atomic, anything else is a scalar), used for RawExtension, JSON fields,
 * preserved unknown fields and custom resources without a schema.
 */
class UntypedNode implements SchemaNode {
  readonly kind: SchemaNodeKind;
  readonly typeName: string;
  readonly scalarType: ScalarType | undefined;
  readonly patchStrategy = undefined;
  readonly patchMergeKey = undefined;
  readonly listType = undefined;
  readonly listMapKeys: readonly string[] = [];
  readonly mapType = undefined;
  readonly knownFields: readonly string[] = [];
  readonly preserveUnknownFields: boolean;
  readonly embeddedResource = false;
  readonly goValueFields: ReadonlyMap<string, 'struct' | 'time' | 'nil'> = new Map();

  constructor(kind: SchemaNodeKind, typeName: string, scalarType?: ScalarType) {
    this.kind = kind;
    this.typeName = typeName;
    this.scalarType = scalarType;
    this.preserveUnknownFields = kind === 'any';
  }

  field(): SchemaNode | undefined {
    return this.kind === 'any' ? ANY : undefined;
  }

  elements(): SchemaNode {
    return ANY;
  }

  listMapKeyDefault(): unknown {
    return undefined;
  }
}

export const ANY: SchemaNode = new UntypedNode('any', 'any');

const scalars = new Map<string, SchemaNode>();

/** The shared node for a scalar of the given type; `goType` (`int32`, `float64`…) names it. */
export function scalarNode(type: ScalarType, goType: string = type): SchemaNode {
  const key = `${type}/${goType}`;
  let node = scalars.get(key);
  if (node === undefined) {
    node = new UntypedNode('scalar', goType, type);
    scalars.set(key, node);
  }
  return node;
}

export const INT_OR_STRING: SchemaNode = new UntypedNode('intOrString', 'IntOrString', 'unknown');
