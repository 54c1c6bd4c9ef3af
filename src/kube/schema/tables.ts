import { modelFor } from './models.ts';
import { SMP_TAGS } from './smp-tags.ts';
import { SSA_MARKERS } from './ssa-markers.ts';
import { GO_VALUE_FIELDS, type GoValueKind } from './go-values.ts';
import { ATOMIC_STRUCTS, EMBEDDED_TYPE_ALIASES, LIST_MAP_KEY_DEFAULTS } from './ssa-types.ts';
import type { ListType, MapType } from './types.ts';

/** Everything our tables say about one field of one model. */
export interface FieldMeta {
  readonly patchStrategy?: string;
  readonly patchMergeKey?: string;
  readonly listType?: ListType;
  readonly listMapKeys?: readonly string[];
  readonly mapType?: MapType;
  readonly structType?: MapType;
}

interface Index {
  readonly fields: Map<string, Map<string, FieldMeta>>;
  readonly atomicStructs: Set<string>;
  readonly keyDefaults: Map<string, Map<string, unknown>>;
  readonly goValues: Map<string, Map<string, GoValueKind>>;
  /** Rows whose Go type has no client-node model (types removed after v1.33, or not generated). */
  readonly unmapped: string[];
}

let index: Index | undefined;

/** The models a row's Go type lands in (several when the type is embedded inline). */
function resolveModels(gv: string, goType: string): string[] {
  const names = EMBEDDED_TYPE_ALIASES[goType] ?? [goType];
  return names.map((n) => modelFor(gv, n)).filter((m): m is string => m !== undefined);
}

function merge(idx: Index, model: string, field: string, meta: FieldMeta): void {
  let byField = idx.fields.get(model);
  if (!byField) {
    byField = new Map();
    idx.fields.set(model, byField);
  }
  byField.set(field, { ...byField.get(field), ...meta });
}

function build(): Index {
  const idx: Index = {
    fields: new Map(),
    atomicStructs: new Set(),
    keyDefaults: new Map(),
    goValues: new Map(),
    unmapped: [],
  };
  for (const [gv, goType, field, strategy, mergeKey] of SMP_TAGS) {
    const models = resolveModels(gv, goType);
    if (models.length === 0) idx.unmapped.push(`${gv} ${goType}.${field}`);
    for (const model of models) {
      merge(idx, model, field, { patchStrategy: strategy, ...(mergeKey ? { patchMergeKey: mergeKey } : {}) });
    }
  }
  for (const [gv, goType, field, listType, keys, mapType, structType] of SSA_MARKERS) {
    const models = resolveModels(gv, goType);
    if (models.length === 0) idx.unmapped.push(`${gv} ${goType}.${field}`);
    for (const model of models) {
      merge(idx, model, field, {
        ...(listType ? { listType: listType as ListType } : {}),
        ...(keys ? { listMapKeys: keys.split(',') } : {}),
        ...(mapType ? { mapType: mapType as MapType } : {}),
        ...(structType ? { structType: structType as MapType } : {}),
      });
    }
  }
  for (const [gv, goType] of ATOMIC_STRUCTS) {
    const models = resolveModels(gv, goType);
    if (models.length === 0) idx.unmapped.push(`${gv} ${goType}`);
    for (const model of models) idx.atomicStructs.add(model);
  }
  for (const [gv, goType, field, value] of LIST_MAP_KEY_DEFAULTS) {
    for (const model of resolveModels(gv, goType)) {
      let byField = idx.keyDefaults.get(model);
      if (!byField) {
        byField = new Map();
        idx.keyDefaults.set(model, byField);
      }
      byField.set(field, value);
    }
  }
  for (const [gv, goType, field, kind] of GO_VALUE_FIELDS) {
    for (const model of resolveModels(gv, goType)) {
      let byField = idx.goValues.get(model);
      if (!byField) {
        byField = new Map();
        idx.goValues.set(model, byField);
      }
      byField.set(field, kind);
    }
  }
  return idx;
}

function get(): Index {
  index ??= build();
  return index;
}

/** Our tables' metadata for a model's field, or undefined when the field carries no markers. */
export function fieldMeta(model: string, field: string): FieldMeta | undefined {
  return get().fields.get(model)?.get(field);
}

/** True when the model is a `+structType=atomic` type. */
export function isAtomicStruct(model: string): boolean {
  return get().atomicStructs.has(model);
}

/** The default of a list-map key field of an element model (`V1ContainerPort.protocol` → `TCP`). */
export function keyDefault(model: string, field: string): unknown {
  return get().keyDefaults.get(model)?.get(field);
}

/** Table rows that found no client-node model, for the table tests. */
export function unmappedRows(): readonly string[] {
  return get().unmapped;
}

const NO_GO_VALUES: ReadonlyMap<string, GoValueKind> = new Map();

/** Fields of a model that Go always writes (see `go-values.ts`). */
export function goValueFields(model: string): ReadonlyMap<string, GoValueKind> {
  return get().goValues.get(model) ?? NO_GO_VALUES;
}
