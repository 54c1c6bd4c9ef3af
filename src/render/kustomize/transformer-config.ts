/**
 * The field specs that drive the built-in transformers (builtinconfig.TransformerConfig): the
 * defaults in field-specs/, merged with `configurations:` files and with what `crds:` declare.
 * Merging ignores duplicates, fails on a conflicting `create`, and sorts each list by GVK as
 * kustomize does (the order decides which spec applies first).
 */
import { parseYaml } from '../yaml/index.ts';
import { KustomizeError, wrap } from './errors.ts';
import * as D from './field-specs/defaults.ts';
import { NAME_REFERENCE, type NameBackReference } from './field-specs/name-reference.ts';
import type { FieldSpec } from './kustomization.ts';
import type { Loader } from './loader.ts';
import { scalarText } from './resource.ts';
import { gvkSelected, type Gvk } from './resid.ts';
import { legacyGvkLess } from './transformers/sort.ts';

export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  labels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  nameReference: NameBackReference[];
  varReference: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
}

const FS_KEYS = [
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'labels',
  'templateLabels',
  'commonAnnotations',
  'varReference',
  'images',
  'replicas',
] as const;

export function emptyConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    namespace: [],
    commonLabels: [],
    labels: [],
    templateLabels: [],
    commonAnnotations: [],
    nameReference: [],
    varReference: [],
    images: [],
    replicas: [],
  };
}

function gvkOf(fs: { group?: string; version?: string; kind?: string }): Gvk {
  return { group: fs.group ?? '', version: fs.version ?? '', kind: fs.kind ?? '' };
}

const fsLess = (a: { group?: string; version?: string; kind?: string }, b: typeof a): number =>
  legacyGvkLess(gvkOf(a), gvkOf(b), false) ? -1 : legacyGvkLess(gvkOf(b), gvkOf(a), false) ? 1 : 0;

const mergedIntoEmpty = new WeakMap<FieldSpec[], FieldSpec[]>();

/** FsSlice.MergeAll. Lists are never mutated, so merging into an empty list is memoized. */
export function mergeFieldSpecs(base: FieldSpec[], incoming: FieldSpec[]): FieldSpec[] {
  if (incoming.length === 0) return base;
  if (base.length === 0) {
    let m = mergedIntoEmpty.get(incoming);
    if (!m) {
      m = mergeFieldSpecsUncached(base, incoming);
      mergedIntoEmpty.set(incoming, m);
    }
    return m;
  }
  return mergeFieldSpecsUncached(base, incoming);
}

function mergeFieldSpecsUncached(base: FieldSpec[], incoming: FieldSpec[]): FieldSpec[] {
  const out = [...base];
  for (const x of incoming) {
    const i = out.findIndex((s) => gvkSelected(gvkOf(s), gvkOf(x)) && s.path === x.path);
    if (i > -1) {
      if ((out[i]!.create ?? false) !== (x.create ?? false))
        throw new KustomizeError('conflicting fieldspecs');
      continue;
    }
    out.push(x);
  }
  return out;
}

function mergeNameRefs(base: NameBackReference[], incoming: NameBackReference[]): NameBackReference[] {
  let out = base.map((b) => ({ ...b, fieldSpecs: [...b.fieldSpecs] }));
  for (const o of incoming) {
    let found = false;
    out = out.map((c) => {
      const same =
        (c.group ?? '') === (o.group ?? '') && (c.version ?? '') === (o.version ?? '') && c.kind === o.kind;
      if (!same) return c;
      found = true;
      return { ...c, fieldSpecs: mergeFieldSpecs(c.fieldSpecs, o.fieldSpecs) };
    });
    if (!found) out.push(o);
  }
  return out;
}

function isEmptyConfig(c: TransformerConfig): boolean {
  return FS_KEYS.every((k) => c[k].length === 0) && c.nameReference.length === 0;
}

/** Merging into an empty config is not the identity (see mergeConfig); memoized per config. */
const intoEmpty = new WeakMap<TransformerConfig, TransformerConfig>();

/**
 * TransformerConfig.Merge. Configs are never mutated, so merging a config with itself or with an
 * empty one is free. Merging into an empty config still matters: the incoming lists are sorted,
 * so a kind-specific spec can come before a generic one on the same path and then hide it (a
 * `configurations:` entry for `metadata/name` of one kind replaces the default for all kinds).
 */
export function mergeConfig(a: TransformerConfig, b: TransformerConfig | undefined): TransformerConfig {
  if (!b || b === a || isEmptyConfig(b)) return a;
  if (isEmptyConfig(a)) {
    const cached = intoEmpty.get(b);
    if (cached) return cached;
    const merged = mergeConfigLists(a, b);
    intoEmpty.set(b, merged);
    intoEmpty.set(merged, merged);
    return merged;
  }
  return mergeConfigLists(a, b);
}

function mergeConfigLists(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  const out = emptyConfig();
  for (const k of FS_KEYS) {
    try {
      out[k] = mergeFieldSpecs(a[k], b[k]).sort(fsLess);
    } catch (err) {
      throw wrap(err, `failed to merge ${k} fieldSpec`);
    }
  }
  out.nameReference = mergeNameRefs(a.nameReference, b.nameReference).sort(fsLess);
  return out;
}

let defaults: TransformerConfig | undefined;

export function defaultConfig(): TransformerConfig {
  defaults ??= sortAll({
    namePrefix: D.NAME_PREFIX,
    nameSuffix: D.NAME_SUFFIX,
    namespace: D.NAMESPACE,
    commonLabels: D.COMMON_LABELS,
    labels: [],
    templateLabels: D.TEMPLATE_LABELS,
    commonAnnotations: D.COMMON_ANNOTATIONS,
    nameReference: NAME_REFERENCE,
    varReference: D.VAR_REFERENCE,
    images: D.IMAGES,
    replicas: D.REPLICAS,
  });
  return defaults;
}

function sortAll(c: TransformerConfig): TransformerConfig {
  const out = emptyConfig();
  for (const k of FS_KEYS) out[k] = [...c[k]].sort(fsLess);
  out.nameReference = [...c.nameReference].sort(fsLess);
  return out;
}

function toFieldSpecs(v: unknown, key: string): FieldSpec[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new KustomizeError(`error unmarshaling JSON: field ${key} must be a list`);
  return v.map((x: Record<string, unknown>) => {
    const fs: FieldSpec = { path: scalarText(x['path']) };
    if (x['group']) fs.group = scalarText(x['group']);
    if (x['version']) fs.version = scalarText(x['version']);
    if (x['kind']) fs.kind = scalarText(x['kind']);
    if (x['create'] === true) fs.create = true;
    return fs;
  });
}

/** A TransformerConfig from a `configurations:` file's text. */
export function parseConfig(text: string, file: string): TransformerConfig {
  const raw = (parseYaml(text, { file, dialect: 'v2' }) ?? {}) as Record<string, unknown>;
  const c = emptyConfig();
  for (const [k, v] of Object.entries(raw)) {
    if ((FS_KEYS as readonly string[]).includes(k)) c[k as (typeof FS_KEYS)[number]] = toFieldSpecs(v, k);
    else if (k === 'nameReference') {
      c.nameReference = ((v ?? []) as Record<string, unknown>[]).map((x) => {
        const nb: NameBackReference = {
          kind: scalarText(x['kind']),
          fieldSpecs: toFieldSpecs(x['fieldSpecs'], k),
        };
        if (x['group']) nb.group = scalarText(x['group']);
        if (x['version']) nb.version = scalarText(x['version']);
        return nb;
      });
    } else
      throw new KustomizeError(`error unmarshaling JSON: while decoding JSON: json: unknown field "${k}"`);
  }
  return sortAll(c);
}

/** MakeTransformerConfig: the defaults merged with each `configurations:` file. */
export function loadConfig(ldr: Loader, paths: string[]): TransformerConfig {
  if (paths.length === 0) return defaultConfig();
  let extra = emptyConfig();
  for (const p of paths) extra = mergeConfig(extra, parseConfig(ldr.load(p), p));
  return mergeConfig(defaultConfig(), extra);
}
