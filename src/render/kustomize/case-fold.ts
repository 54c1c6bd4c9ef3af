/**
 * encoding/json matches struct fields case-insensitively at every level (`fieldpath` fills
 * `fieldPath`), so the nested structs of a kustomization are normalized to their canonical field
 * names before use.
 */
type Shape = { fields: string[]; nested?: Record<string, Shape | { list: Shape }> };

const FIELD_SPEC: Shape = { fields: ['group', 'version', 'kind', 'path', 'create'] };
const SELECTOR: Shape = {
  fields: ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'],
};
const OPTIONS: Shape = { fields: ['labels', 'annotations', 'disableNameSuffixHash', 'immutable'] };
const FIELD_OPTIONS: Shape = { fields: ['delimiter', 'index', 'encoding', 'create'] };

export const SHAPES: Record<string, Shape> = {
  labels: {
    fields: ['pairs', 'includeSelectors', 'includeTemplates', 'fields'],
    nested: { fields: { list: FIELD_SPEC } },
  },
  patches: { fields: ['path', 'patch', 'target', 'options'], nested: { target: SELECTOR } },
  patchesJson6902: { fields: ['path', 'patch', 'target', 'options'], nested: { target: SELECTOR } },
  images: { fields: ['name', 'newName', 'tagSuffix', 'newTag', 'digest'] },
  replicas: { fields: ['name', 'count'] },
  vars: {
    fields: ['name', 'objref', 'fieldref'],
    nested: {
      objref: { fields: ['apiVersion', 'group', 'version', 'kind', 'name', 'namespace'] },
      fieldref: { fields: ['fieldPath'] },
    },
  },
  configMapGenerator: {
    fields: ['namespace', 'name', 'behavior', 'literals', 'files', 'envs', 'env', 'options'],
    nested: { options: OPTIONS },
  },
  secretGenerator: {
    fields: ['namespace', 'name', 'behavior', 'literals', 'files', 'envs', 'env', 'options', 'type'],
    nested: { options: OPTIONS },
  },
  replacements: {
    fields: ['path', 'source', 'targets'],
    nested: {
      source: { fields: [...SELECTOR.fields, 'fieldPath', 'options'], nested: { options: FIELD_OPTIONS } },
      targets: {
        list: {
          fields: ['select', 'reject', 'fieldPaths', 'options'],
          nested: { select: SELECTOR, reject: { list: SELECTOR }, options: FIELD_OPTIONS },
        },
      },
    },
  },
  generatorOptions: OPTIONS,
  sortOptions: {
    fields: ['order', 'legacySortOptions'],
    nested: { legacySortOptions: { fields: ['orderFirst', 'orderLast'] } },
  },
};

function fold(v: unknown, shape: Shape): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const byLower = new Map(shape.fields.map((f) => [f.toLowerCase(), f]));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const name = byLower.get(k.toLowerCase()) ?? k;
    const n = shape.nested?.[name];
    if (!n) out[name] = x;
    else if ('list' in n) out[name] = Array.isArray(x) ? x.map((e) => fold(e, n.list)) : x;
    else out[name] = fold(x, n);
  }
  return out;
}

/** Normalizes one top-level kustomization field's value. */
export function foldField(field: string, v: unknown): unknown {
  const shape = SHAPES[field];
  if (!shape) return v;
  const listFields = [
    'labels',
    'patches',
    'patchesJson6902',
    'images',
    'replicas',
    'vars',
    'configMapGenerator',
    'secretGenerator',
    'replacements',
  ];
  if (listFields.includes(field)) return Array.isArray(v) ? v.map((e) => fold(e, shape)) : v;
  return fold(v, shape);
}
