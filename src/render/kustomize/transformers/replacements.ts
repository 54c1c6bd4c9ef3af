/**
 * `replacements:` (ReplacementTransformer, api/filters/replacement): copy a field of one source
 * resource into fields of the selected targets, optionally one `delimiter`-separated part of it,
 * optionally creating missing target fields.
 */
import { deepCopy } from '../../yaml/index.ts';
import { KustomizeError, wrap } from '../errors.ts';
import { listMatcher, lookup, smarterSplit } from '../field-path.ts';
import { isMap } from '../fieldspec.ts';
import type { Loader } from '../loader.ts';
import { matchesLabelSelector } from '../label-selector.ts';
import { parseYaml } from '../../yaml/index.ts';
import { gvkSelected, isNsEquals, makeResId, type ResId } from '../resid.ts';
import type { ResMap } from '../resmap.ts';
import { scalarText, type Resource } from '../resource.ts';
import { typedScalar } from '../set-scalar.ts';
import type { Transformer } from './transformer.ts';

interface IdSel {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}
interface Options {
  delimiter?: string;
  index?: number;
  encoding?: string;
  create?: boolean;
}
interface Source extends IdSel {
  fieldPath?: string;
  options?: Options;
}
interface Target {
  select?: IdSel & { labelSelector?: string; annotationSelector?: string };
  reject?: (IdSel & { labelSelector?: string; annotationSelector?: string })[];
  fieldPaths?: string[];
  options?: Options;
}
export interface Replacement {
  source?: Source;
  targets?: Target[];
}

function idSelected(id: ResId, sel: IdSel): boolean {
  if (sel.name && sel.name !== id.name) return false;
  if (sel.namespace && !isNsEquals(makeResId({ group: '', version: '', kind: '' }, '', sel.namespace), id))
    return false;
  return gvkSelected(id, sel);
}

function idsOf(r: Resource): ResId[] {
  return [r.curId(), ...r.prevIds()];
}

function isEmptySel(s: IdSel): boolean {
  return !s.group && !s.version && !s.kind && !s.name && !s.namespace;
}

function selString(s: IdSel): string {
  return `${s.kind ?? '[noKind]'}.${s.version ?? '[noVer]'}.${s.group ?? '[noGrp]'}/${s.name ?? '[noName]'}.${s.namespace ?? '[noNs]'}`;
}

function isNilOrEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isMap(v)) return Object.keys(v).length === 0;
  return false;
}

function getReplacement(list: Resource[], r: Replacement): unknown {
  const src = r.source!;
  const matches = list.filter((n) => idsOf(n).some((id) => idSelected(id, src)));
  if (matches.length > 1) throw new KustomizeError(`multiple matches for selector ${selString(src)}`);
  if (matches.length === 0) throw new KustomizeError(`nothing selected by ${selString(src)}`);
  const fp = src.fieldPath || 'metadata.name';
  const found = lookup(matches[0]!.obj, smarterSplit(fp));
  if (!found || isNilOrEmpty(found.value)) {
    throw new KustomizeError(`fieldPath \`${fp}\` is missing for replacement source ${selString(src)}`);
  }
  let value = found.value;
  const o = src.options;
  if (o?.delimiter) {
    if (typeof value === 'object' && value !== null)
      throw new KustomizeError('delimiter option can only be used with scalar nodes');
    const parts = scalarText(value).split(o.delimiter);
    const i = o.index ?? 0;
    if (i >= parts.length || i < 0)
      throw new KustomizeError(`options.index ${i} is out of bounds for value ${scalarText(value)}`);
    value = parts[i];
  }
  return value;
}

function matchesAnnoLabel(r: Resource, s: { labelSelector?: string; annotationSelector?: string }): boolean {
  return (
    matchesLabelSelector(s.annotationSelector ?? '', r.getAnnotations()) &&
    matchesLabelSelector(s.labelSelector ?? '', r.getLabels())
  );
}

/** yaml.PathMatcher: every field the path reaches, creating what is missing when `create`. */
function targetFields(
  root: Record<string, unknown>,
  path: string[],
  create: boolean,
): { c: Record<string | number, unknown>; k: string | number }[] {
  let cur: { c: Record<string | number, unknown>; k: string | number }[] = [{ c: { '': root }, k: '' }];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    const next: typeof cur = [];
    for (const { c, k } of cur) {
      let node = c[k];
      if (Array.isArray(node)) {
        const m = listMatcher(seg);
        if (seg === '*')
          node.forEach((_, j) => next.push({ c: node as unknown[] as Record<number, unknown>, k: j }));
        else if (m) {
          let any = false;
          node.forEach((el, j) => {
            if (isMap(el) && scalarText(el[m.key]) === m.value) {
              any = true;
              next.push({ c: node as unknown[] as Record<number, unknown>, k: j });
            }
          });
          if (!any && create) {
            node.push({ [m.key]: typedScalar(m.value) });
            next.push({ c: node as unknown[] as Record<number, unknown>, k: node.length - 1 });
          }
        } else if (/^\d+$/.test(seg) && Number(seg) < node.length)
          next.push({ c: node as unknown[] as Record<number, unknown>, k: Number(seg) });
        continue;
      }
      if (node === null || node === undefined) {
        if (!create) continue;
        node = {};
        c[k] = node;
      }
      if (!isMap(node)) continue;
      if (seg === '*') {
        for (const key of Object.keys(node)) next.push({ c: node, k: key });
        continue;
      }
      if (!Object.hasOwn(node, seg)) {
        if (!create) continue;
        node[seg] = last ? null : listMatcher(path[i + 1] ?? '') ? [] : {};
      }
      next.push({ c: node, k: seg });
    }
    cur = next;
  }
  return cur;
}

function setFieldValue(
  opts: Options | undefined,
  c: Record<string | number, unknown>,
  k: string | number,
  value: unknown,
): void {
  let v = deepCopy(value);
  const target = c[k];
  if (opts?.delimiter) {
    if (typeof target === 'object' && target !== null)
      throw new KustomizeError('delimiter option can only be used with scalar nodes');
    const tv = scalarText(target).split(opts.delimiter);
    const s = scalarText(v);
    const i = opts.index ?? 0;
    if (i < 0) tv.unshift(s);
    else if (i >= tv.length) tv.push(s);
    else tv[i] = s;
    v = tv.join(opts.delimiter);
  }
  const targetIsScalar = target !== undefined && (target === null || typeof target !== 'object');
  if (targetIsScalar && target !== null && (typeof v !== 'object' || v === null)) {
    // The target keeps its tag; only its text changes.
    const text = scalarText(v);
    c[k] = typeof target === 'string' ? text : typedScalar(text);
    return;
  }
  c[k] = v;
}

function apply(list: Resource[], value: unknown, targets: Target[]): void {
  for (const t of targets) {
    if (!t.select) throw new KustomizeError('target must specify resources to select');
    const fieldPaths = t.fieldPaths?.length ? t.fieldPaths : ['metadata.name'];
    for (const r of list) {
      if (!matchesAnnoLabel(r, t.select)) continue;
      if (
        (t.reject ?? []).some((rj) => (rj.annotationSelector || rj.labelSelector) && matchesAnnoLabel(r, rj))
      )
        continue;
      const ids = idsOf(r);
      const rejected = (t.reject ?? []).some((rj) => !isEmptySel(rj) && ids.some((id) => idSelected(id, rj)));
      if (!ids.some((id) => idSelected(id, t.select!)) || rejected) continue;
      for (const fp of fieldPaths) {
        const create = t.options?.create === true;
        const fields = targetFields(r.obj, smarterSplit(fp), create);
        if (fields.length === 0) {
          throw new KustomizeError(
            create
              ? `unable to find or create field "${fp}" in replacement target`
              : `unable to find field "${fp}" in replacement target`,
          );
        }
        for (const f of fields) setFieldValue(t.options, f.c, f.k, value);
      }
      r.step(`ReplacementTransformer(${fieldPaths.join(', ')})`);
    }
  }
}

export function replacementTransformer(replacements: Replacement[]): Transformer {
  return {
    name: 'ReplacementTransformer',
    transform(m: ResMap): void {
      for (const r of replacements) {
        if (!r.source || !r.targets)
          throw new KustomizeError('replacements must specify a source and at least one target');
        const value = getReplacement(m.list, r);
        apply(m.list, value, r.targets);
      }
    },
  };
}

/** `replacements:` entries: inline, or `path:` to a file holding a list of replacements. */
export function loadReplacements(entries: Record<string, unknown>[], ldr: Loader): Replacement[] {
  const out: Replacement[] = [];
  for (const e of entries) {
    if (typeof e['path'] === 'string') {
      if (e['source'] || e['targets'])
        throw new KustomizeError('cannot specify both path and inline replacement');
      let parsed: unknown;
      try {
        parsed = parseYaml(ldr.load(e['path']), { file: e['path'], dialect: 'v2' });
      } catch (err) {
        throw wrap(err, `loading replacements from ${e['path']}`);
      }
      const list = Array.isArray(parsed) ? parsed : [parsed];
      out.push(...(list as Replacement[]));
    } else out.push(e);
  }
  return out;
}
