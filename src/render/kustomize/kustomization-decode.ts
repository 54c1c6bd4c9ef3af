/**
 * Reading kustomization fields the way encoding/json fills Go structs: a value of the wrong type is
 * an error that names the struct field (`json: cannot unmarshal bool into Go struct field
 * Label.labels.pairs of type string`), `null` leaves a field unset.
 */
import { KustomizeError } from './errors.ts';
import type { Kustomization } from './kustomization.ts';

export function goType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  return 'string';
}

function typeError(v: unknown, field: string, want: string): never {
  throw new KustomizeError(
    `invalid Kustomization: json: cannot unmarshal ${goType(v)} into Go struct field ${field.includes('.') ? field : `Kustomization.${field}`} of type ${want}`,
  );
}

/** Reads a string field the way encoding/json would (null leaves it unset). */
export function str(v: unknown, field: string): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') typeError(v, field, 'string');
  return v;
}

export function strList(v: unknown, field: string): string[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (!Array.isArray(v)) typeError(v, field, '[]string');
  return v.map((x) => {
    if (typeof x !== 'string') typeError(x, field, 'string');
    return x;
  });
}

export function strMap(v: unknown, field: string): Record<string, string> | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) typeError(v, field, 'map[string]string');
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === null) {
      out[k] = '';
      continue;
    }
    if (typeof x !== 'string') typeError(x, field, 'string');
    out[k] = x;
  }
  return out;
}

export function objList<T>(v: unknown, field: string): T[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (!Array.isArray(v)) typeError(v, field, 'array');
  return v as T[];
}

/** Go's json decoding errors for nested fields of the wrong type (`Label.labels.pairs`, …). */
export function checkNested(k: Kustomization): void {
  const mapOf = (v: unknown, where: string): void => {
    if (v === undefined || v === null) return;
    if (typeof v !== 'object' || Array.isArray(v)) typeError(v, where, 'map[string]string');
    for (const x of Object.values(v as Record<string, unknown>))
      if (x !== null && typeof x !== 'string') typeError(x, where, 'string');
  };
  const listOf = (v: unknown, where: string): void => {
    if (v === undefined || v === null) return;
    if (!Array.isArray(v)) typeError(v, where, '[]string');
    for (const x of v) if (typeof x !== 'string') typeError(x, where, 'string');
  };
  const str = (v: unknown, where: string): void => {
    if (v !== undefined && v !== null && typeof v !== 'string') typeError(v, where, 'string');
  };
  for (const l of k.labels ?? []) mapOf(l?.pairs, 'Label.labels.pairs');
  for (const [field, list] of [
    ['configMapGenerator', k.configMapGenerator],
    ['secretGenerator', k.secretGenerator],
  ] as const) {
    const t = field === 'configMapGenerator' ? 'ConfigMapArgs' : 'SecretArgs';
    for (const g of list ?? []) {
      for (const f of ['literals', 'files', 'envs'] as const) listOf(g?.[f], `${t}.${field}.${f}`);
      for (const f of ['name', 'namespace', 'behavior'] as const) str(g?.[f], `${t}.${field}.${f}`);
      mapOf(g?.options?.labels, `${t}.${field}.options.labels`);
      mapOf(g?.options?.annotations, `${t}.${field}.options.annotations`);
    }
  }
  mapOf(k.generatorOptions?.labels, 'GeneratorOptions.generatorOptions.labels');
  mapOf(k.generatorOptions?.annotations, 'GeneratorOptions.generatorOptions.annotations');
  for (const img of k.images ?? []) {
    for (const f of ['name', 'newName', 'tagSuffix', 'newTag', 'digest'] as const)
      str(img?.[f], `Image.images.${f}`);
  }
  for (const r of k.replicas ?? []) {
    str(r?.name, 'Replica.replicas.name');
    if (r && typeof r.count !== 'number') typeError(r.count, 'Replica.replicas.count', 'int64');
  }
}
