/**
 * `vars:` (deprecated in kustomize but supported): each var names a field of one resource; after
 * all transformers, `$(NAME)` in the var-reference fields is replaced by that field's value (the
 * whole value keeps its type when the string is exactly `$(NAME)`).
 */
import { KustomizeError } from './errors.ts';
import { convertSliceIndex, lookup, smarterSplit } from './field-path.ts';
import { applyFieldSpec, isMap, type Container } from './fieldspec.ts';
import type { FieldSpec, Var } from './kustomization.ts';
import { gvknEquals, idEquals, makeResId, type Gvk } from './resid.ts';
import type { ResMap } from './resmap.ts';
import type { Resource } from './resource.ts';
import { Timestamp } from '../yaml/index.ts';

function varGvk(v: Var): Gvk {
  const o = v.objref ?? ({} as Var['objref']);
  const g: Gvk = { group: o.group ?? '', version: o.version ?? '', kind: o.kind ?? '' };
  if (o.apiVersion) {
    const parts = o.apiVersion.split('/');
    if (parts.length === 2) {
      g.group = parts[0]!;
      g.version = parts[1]!;
    } else if (parts.length === 1) g.version = parts[0]!;
  }
  return g;
}

function fieldPath(v: Var): string {
  return v.fieldref?.fieldPath || 'metadata.name';
}

function varString(v: Var): string {
  return `{${v.name} {{${v.objref?.group ?? ''} ${v.objref?.version ?? ''} ${v.objref?.kind ?? ''}} ${v.objref?.name ?? ''} ${v.objref?.namespace ?? ''}} {${fieldPath(v)}}}`;
}

interface Acc {
  resMap: ResMap;
  vars: Var[];
}

/** ResAccumulator.MergeVars: remembers which resource each var refers to. */
export function mergeVars(ra: Acc, incoming: Var[]): void {
  for (const v of incoming) {
    const target = makeResId(varGvk(v), v.objref?.name ?? '', v.objref?.namespace ?? '');
    const match = target.namespace !== '' || target.clusterScoped ? idEquals : gvknEquals;
    const matched = ra.resMap.getMatchingByAnyId((id) => match(target, id));
    if (matched.length > 1) {
      throw new KustomizeError(
        `found ${matched.length} resId matches for var ${varString(v)} (unable to disambiguate)`,
      );
    }
    if (matched.length === 1) matched[0]!.refVarNames.push(v.name);
  }
  for (const v of incoming) {
    if (ra.vars.some((x) => x.name === v.name))
      throw new KustomizeError(`var '${v.name}' already encountered`);
    ra.vars.push(v);
  }
}

/** rnode.GetFieldValue: scalars typed, maps and lists as values. */
export function getFieldValue(r: Resource, path: string): unknown {
  const found = lookup(r.obj, convertSliceIndex(smarterSplit(path)));
  if (!found) throw new KustomizeError(`no field named '${path}'`);
  const v = found.value;
  if (v instanceof Timestamp) return v.text;
  return v;
}

function replaceVars(input: string, values: Map<string, unknown>, used: Set<string>): unknown {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let read: string;
    let isVar = false;
    let advance = 1;
    if (rest[0] === '$') read = '$';
    else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1);
      if (close > 0) {
        read = rest.slice(1, close);
        isVar = true;
        advance = close + 1;
      } else read = '$(';
    } else read = '$' + rest[0];
    if (isVar) {
      let mapped: unknown = `$(${read})`;
      if (values.has(read)) {
        const val = values.get(read);
        if (
          typeof val === 'string' ||
          typeof val === 'number' ||
          typeof val === 'boolean' ||
          typeof val === 'bigint'
        ) {
          used.add(read);
          mapped = val;
        }
      }
      if (input === `$(${read})`) return mapped;
      out += String(mapped);
    } else out += read;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** ResolveVars: computes every var's value, then substitutes in the var-reference fields. */
export function resolveVars(m: ResMap, vars: Var[], fieldSpecs: FieldSpec[]): void {
  if (vars.length === 0) return;
  const values = new Map<string, unknown>();
  for (const v of [...vars].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const r = m.list.find((x) => x.refVarNames.includes(v.name));
    if (!r)
      throw new KustomizeError(
        `var '${varString(v)}' cannot be mapped to a field in the set of known resources`,
      );
    try {
      values.set(v.name, getFieldValue(r, fieldPath(v)));
    } catch {
      throw new KustomizeError(
        `field specified in var '${varString(v)}' not found in corresponding resource`,
      );
    }
  }
  const used = new Set<string>();
  const set = (c: Container, k: string | number): void => {
    const o = c as Record<string | number, unknown>;
    const node = o[k];
    if (node === null || node === undefined) return;
    if (typeof node === 'string') o[k] = replaceVars(node, values, used);
    else if (Array.isArray(node)) {
      node.forEach((item, i) => {
        if (typeof item !== 'string') throw new KustomizeError('invalid value type expect a string');
        node[i] = replaceVars(item, values, used);
      });
    } else if (isMap(node)) {
      for (const [key, val] of Object.entries(node))
        if (typeof val === 'string') node[key] = replaceVars(val, values, used);
    }
  };
  for (const r of m.list) {
    for (const fs of fieldSpecs) applyFieldSpec(r.obj, fs, set, undefined);
  }
}
