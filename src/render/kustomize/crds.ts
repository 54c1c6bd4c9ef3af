/**
 * `crds:` — OpenAPI definitions of custom types (as `kustomize` reads them, a map of type name to
 * definition) whose `x-kubernetes-*` extensions declare fields that hold annotations, label
 * selectors, identities or references to other objects (accumulator.LoadConfigFromCRDs).
 */
import { parseYaml } from '../yaml/index.ts';
import { wrap } from './errors.ts';
import { isMap } from './fieldspec.ts';
import type { Loader } from './loader.ts';
import { emptyConfig, mergeConfig, mergeFieldSpecs, type TransformerConfig } from './transformer-config.ts';

type Defs = Record<string, Record<string, unknown>>;

function props(def: Record<string, unknown> | undefined): Record<string, Record<string, unknown>> {
  const p = def?.['properties'];
  return isMap(p) ? (p as Record<string, Record<string, unknown>>) : {};
}

function load(tc: TransformerConfig, kind: string, defs: Defs, typeName: string, path: string[]): void {
  const def = defs[typeName];
  if (!def) return;
  for (const [name, prop] of Object.entries(props(def))) {
    if (!isMap(prop)) continue;
    const p = [...path, name];
    const fs = { kind, path: p.join('/') };
    if (typeof prop['x-kubernetes-annotation'] === 'string')
      tc.commonAnnotations = mergeFieldSpecs(tc.commonAnnotations, [fs]);
    if (typeof prop['x-kubernetes-label-selector'] === 'string')
      tc.commonLabels = mergeFieldSpecs(tc.commonLabels, [fs]);
    if (typeof prop['x-kubernetes-identity'] === 'string')
      tc.namePrefix = mergeFieldSpecs(tc.namePrefix, [fs]);
    const version = prop['x-kubernetes-object-ref-api-version'];
    const refKind = prop['x-kubernetes-object-ref-kind'];
    if (typeof version === 'string' && typeof refKind === 'string') {
      const nameKey =
        typeof prop['x-kubernetes-object-ref-name-key'] === 'string'
          ? prop['x-kubernetes-object-ref-name-key']
          : 'name';
      const other = emptyConfig();
      other.nameReference = [
        { kind: refKind, version, fieldSpecs: [{ kind, path: [...p, nameKey].join('/') }] },
      ];
      Object.assign(tc, mergeConfig(tc, other));
    }
    const ref = prop['$ref'];
    if (typeof ref === 'string') load(tc, kind, defs, ref, p);
  }
}

export function loadConfigFromCrds(ldr: Loader, paths: string[]): TransformerConfig {
  let tc = emptyConfig();
  for (const path of paths) {
    const content = ldr.load(path);
    let defs: Defs;
    try {
      defs = (
        content[0] === '{' ? JSON.parse(content) : parseYaml(content, { file: path, dialect: 'v2' })
      ) as Defs;
    } catch (err) {
      throw wrap(err, `unable to parse open API definition from '${path}'`);
    }
    let other = emptyConfig();
    for (const [name, def] of Object.entries(defs ?? {})) {
      const p = props(def);
      if (!p['kind'] || !p['apiVersion'] || !p['metadata']) continue;
      const one = emptyConfig();
      const parts = name.split('.');
      load(one, parts[parts.length - 1]!, defs, name, []);
      other = mergeConfig(other, one);
    }
    tc = mergeConfig(tc, other);
  }
  return tc;
}
