/**
 * `patches:` (PatchTransformer), `patchesStrategicMerge:` (PatchStrategicMergeTransformer) and
 * `patchesJson6902:` (PatchJson6902Transformer). A patch is a strategic-merge patch (YAML objects
 * with kind and name) or an RFC 6902 list of operations (YAML or JSON); targets are selected by
 * `target:` or, for SMP patches without one, by the patch's own id.
 */
import { loadKube } from '../kube-lazy.ts';

type JsonPatcher = (doc: unknown, ops: unknown) => unknown;
import { parseYaml, Timestamp } from '../../yaml/index.ts';
import { ANN } from '../annotations.ts';
import { KustomizeError, wrap } from '../errors.ts';
import type { Loader } from '../loader.ts';
import type { PatchSpec, Selector } from '../kustomization.ts';
import { resourcesFromText } from '../read-resources.ts';
import { idKey, resIdString } from '../resid.ts';
import type { ResMap } from '../resmap.ts';
import type { Resource } from '../resource.ts';
import { select } from '../select.ts';
import type { MergeSchema } from '../smp/schema.ts';
import { applySmPatch, patchCopyFor } from './apply-smp.ts';
import type { Transformer } from './transformer.ts';

function jsonOps(text: string): unknown[] | undefined {
  if (text === '') return undefined;
  let v: unknown;
  try {
    v = text[0] === '[' ? JSON.parse(text) : parseYaml(text, { dialect: 'v2' });
  } catch {
    if (text[0] === '[') {
      try {
        v = parseYaml(text, { dialect: 'v2' });
      } catch {
        return undefined;
      }
    } else return undefined;
  }
  if (!Array.isArray(v)) return undefined;
  const ops: unknown[] = v;
  if (!ops.every((op) => op !== null && typeof op === 'object' && !Array.isArray(op))) return undefined;
  return ops;
}

function smPatches(text: string, source: string): Resource[] | undefined {
  try {
    const rs = resourcesFromText(text, source);
    return rs.length > 0 ? rs : undefined;
  } catch {
    return undefined;
  }
}

/** Converts values that JSON cannot carry the way kustomize does (through JSON). */
function toJson(v: unknown): unknown {
  if (v instanceof Timestamp) return v.rfc3339;
  // kyaml reads the patched JSON back with encoding/json: every number becomes a float64.
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toJson);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = toJson(x);
    return o;
  }
  return v;
}

function internalAnnotations(r: Resource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.getAnnotations())) {
    if (k.startsWith('internal.config.kubernetes.io/') || k.startsWith('config.kubernetes.io/')) out[k] = v;
  }
  return out;
}

function applyJson6902(r: Resource, ops: unknown[], label: string, applyJsonPatch: JsonPatcher): void {
  const keep = internalAnnotations(r);
  try {
    r.obj = applyJsonPatch(toJson(r.obj), ops) as Record<string, unknown>;
  } catch (err) {
    throw new KustomizeError(err instanceof Error ? err.message : String(err), { cause: err });
  }
  const a = r.getAnnotations();
  Object.assign(a, keep);
  r.setAnnotations(a);
  r.step(label);
}

/** Re-appends resources after patches, as resWrangler.ApplySmPatch does (dropping deleted ones). */
function rebuild(m: ResMap): void {
  const list = m.list.filter((r) => !r.isEmpty());
  m.clear();
  m.appendAll(list);
}

export function patchTransformer(
  spec: PatchSpec,
  ldr: Loader,
  schema: MergeSchema,
  source: string,
): Transformer {
  const patchField = (spec.patch ?? '').trim();
  const path = spec.path ?? '';
  if (patchField === '' && path === '')
    throw new KustomizeError(`must specify one of patch and path in\n${JSON.stringify(spec)}`);
  if (patchField !== '' && path !== '')
    throw new KustomizeError(`patch and path can't be set at the same time\n${JSON.stringify(spec)}`);
  let text = patchField;
  let patchSource = `[patch: ${JSON.stringify(patchField)}]`;
  if (path !== '') {
    try {
      text = ldr.load(path);
    } catch (err) {
      throw new KustomizeError(
        `failed to get the patch file from path(${path}): ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    patchSource = `[path: ${JSON.stringify(path)}]`;
  }
  const label = `PatchTransformer(${path || 'inline'})`;
  const sm = smPatches(text, path || source);
  const ops = jsonOps(text);
  if (sm && ops) throw new KustomizeError(`illegally qualifies as both an SM and JSON patch: ${patchSource}`);
  if (!sm && !ops) throw new KustomizeError(`unable to parse SM or JSON patch from ${patchSource}`);
  if (sm) {
    for (const p of sm) {
      if (spec.options?.['allowNameChange']) p.setAnnotation(ANN.allowNameChange, 'enabled');
      if (spec.options?.['allowKindChange']) p.setAnnotation(ANN.allowKindChange, 'enabled');
    }
  }
  const target = spec.target;
  return {
    name: 'PatchTransformer',
    async transform(m: ResMap): Promise<void> {
      if (sm) {
        if (target) {
          if (sm.length > 1) {
            throw new KustomizeError(
              `Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field: ${patchSource}`,
            );
          }
          await applySmToSelected(m, select(m, target), sm[0]!, schema, label);
          return;
        }
        for (const p of sm) {
          let t: Resource;
          try {
            t = m.getById(p.orgId());
          } catch (err) {
            throw new KustomizeError(
              `no resource matches strategic merge patch "${resIdString(p.orgId())}": ${err instanceof Error ? err.message : String(err)}`,
            );
          }
          await applySmPatch(t, p, schema);
          t.step(label);
        }
        m.dropEmpties();
        return;
      }
      if (!target) throw new KustomizeError(`must specify a target for JSON patch ${patchSource}`);
      const selected = select(m, target);
      if (selected.length === 0) return;
      const kube = await loadKube();
      for (const r of selected) {
        r.storePreviousId();
        applyJson6902(r, ops!, label, kube.applyJsonPatch);
      }
    },
  };
}

async function applySmToSelected(
  m: ResMap,
  selected: Resource[],
  patch: Resource,
  schema: MergeSchema,
  label: string,
): Promise<void> {
  const ids = new Set(selected.map((r) => idKey(r.curId())));
  for (const r of m.list) {
    if (!ids.has(idKey(r.curId()))) continue;
    await applySmPatch(r, patchCopyFor(r, patch), schema);
    r.step(label);
  }
  rebuild(m);
}

export function patchStrategicMergeTransformer(
  entries: string[],
  ldr: Loader,
  schema: MergeSchema,
): Transformer {
  if (entries.length === 0) throw new KustomizeError('empty file path and empty patch content');
  const patches: Resource[] = [];
  for (const e of entries) {
    const inline =
      e.includes('\n') || e.trimStart().startsWith('{') ? smPatches(e, 'patchesStrategicMerge') : undefined;
    if (inline) {
      patches.push(...inline);
      continue;
    }
    let text: string;
    try {
      text = ldr.load(e);
    } catch (err) {
      throw wrap(err, `trouble reading patch ${e}`);
    }
    patches.push(...resourcesFromText(text, e));
  }
  if (patches.length === 0)
    throw new KustomizeError(`patch appears to be empty; files=[${entries.join(' ')}], Patch=`);
  return {
    name: 'PatchStrategicMergeTransformer',
    async transform(m: ResMap): Promise<void> {
      for (const p of patches) {
        const t = m.getById(p.orgId());
        await applySmToSelected(m, [t], p, schema, 'PatchStrategicMergeTransformer');
      }
    },
  };
}

export function patchJson6902Transformer(spec: PatchSpec & { jsonOp?: string }, ldr: Loader): Transformer {
  const target: Selector | undefined = spec.target;
  if (!target?.name) throw new KustomizeError('must specify the target name');
  const path = spec.path ?? '';
  let text = spec.jsonOp ?? spec.patch ?? '';
  if (path === '' && text === '') throw new KustomizeError('empty file path and empty jsonOp');
  if (path !== '') {
    if (text !== '') throw new KustomizeError('must specify a file path or jsonOp, not both');
    text = ldr.load(path);
    if (text === '') throw new KustomizeError(`patch file '${path}' empty seems to be empty`);
  }
  let ops: unknown;
  try {
    ops = text[0] === '[' ? JSON.parse(text) : parseYaml(text, { dialect: 'v2' });
  } catch (err) {
    throw wrap(err, `decoding ${text}`);
  }
  if (!Array.isArray(ops))
    throw new KustomizeError(
      `decoding ${text}: json: cannot unmarshal object into Go value of type jsonpatch.Patch`,
    );
  if (ops.length === 0) throw new KustomizeError(`patch appears to be empty; file=${path}, JsonOp=${text}`);
  const label = `PatchJson6902Transformer(${path || 'inline'})`;
  return {
    name: 'PatchJson6902Transformer',
    async transform(m: ResMap): Promise<void> {
      const selected = select(m, target);
      if (selected.length === 0) return;
      const kube = await loadKube();
      for (const r of selected) applyJson6902(r, ops, label, kube.applyJsonPatch);
    },
  };
}
