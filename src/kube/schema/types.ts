/**
 * The one node interface every consumer walks: strategic merge patch, server-side apply, defaulting,
 * validation and the kustomize renderer. Two implementations stand behind it: built-in types
 * (derived from `@kubernetes/client-node`'s models plus our SMP/SSA tables) and CRD OpenAPI v3
 * schemas. A node reached through a struct field carries that field's metadata (patch strategy,
 * list type, …), because Kubernetes attaches those to fields, not to types.
 */

export type SchemaNodeKind = 'struct' | 'list' | 'map' | 'scalar' | 'intOrString' | 'any';

/** Server-side apply list semantics (`x-kubernetes-list-type`). */
export type ListType = 'atomic' | 'set' | 'map';

/** Server-side apply map and struct semantics (`x-kubernetes-map-type`, `+structType`). */
export type MapType = 'atomic' | 'granular';

/** What a scalar holds, for validation and defaulting; `unknown` when the schema does not say. */
export type ScalarType = 'string' | 'integer' | 'number' | 'boolean' | 'time' | 'unknown';

export interface SchemaNode {
  readonly kind: SchemaNodeKind;
  /**
   * The type's name: the Go type for built-ins (`PodSpec`), the client-node model (`V1PodSpec`) in
   * `model`, or a path-like name for CRD schemas (`spec.template`).
   */
  readonly typeName: string;
  /** The client-node model class name for built-in struct nodes. */
  readonly model?: string | undefined;

  /** SMP strategy of the field this node was reached through: `merge`, `merge,retainKeys`, `retainKeys`, `replace`. */
  readonly patchStrategy: string | undefined;
  /** SMP merge key of that field. */
  readonly patchMergeKey: string | undefined;

  /** SSA list type of a list node (always set on lists; `atomic` unless marked). */
  readonly listType: ListType | undefined;
  /** SSA keys of a `listType: map` list. */
  readonly listMapKeys: readonly string[];
  /**
   * SSA map/struct type of a map or struct node: `granular` (per-key ownership) or `atomic`
   * (replaced and owned as a whole). Undefined for other kinds.
   */
  readonly mapType: MapType | undefined;

  /** Scalar type of a scalar node. */
  readonly scalarType: ScalarType | undefined;

  /** Field names a struct declares, in the schema's order. */
  readonly knownFields: readonly string[];
  /** True when fields not in `knownFields` are kept (`x-kubernetes-preserve-unknown-fields`, untyped data). */
  readonly preserveUnknownFields: boolean;
  /** True for an object that is itself a Kubernetes object (`x-kubernetes-embedded-resource`). */
  readonly embeddedResource: boolean;

  /**
   * Fields of a struct that Go always writes even when unset: `struct` (written as an object),
   * `time` and `nil` (written as null). Empty for CRD and untyped nodes.
   */
  readonly goValueFields: ReadonlyMap<string, 'struct' | 'time' | 'nil'>;

  /** A declared field of a struct (undefined when unknown; use `ANY` for preserved unknown fields). */
  field(name: string): SchemaNode | undefined;
  /** The element type of a list or map; `any` for other kinds. */
  elements(): SchemaNode;
  /**
   * The default of a list-map key field that an element may omit (SSA keys such as
   * `k:{"containerPort":80,"protocol":"TCP"}` fill it in). Only meaningful on list nodes.
   */
  listMapKeyDefault(key: string): unknown;
}

/** A group/version/kind; the core group is `''`. */
export interface Gvk {
  group: string;
  version: string;
  kind: string;
}
