/** Applying one strategic-merge patch resource to one target (Resource.ApplySmPatch). */
import { deepCopy } from '../../yaml/index.ts';
import type { Resource } from '../resource.ts';
import { strategicMerge } from '../smp/merge.ts';
import type { MergeSchema } from '../smp/schema.ts';

/** Paths of every list in `v` (field names, `[]` for list elements): what the merge may ask about. */
function listPaths(v: unknown, prefix: string[], out: Map<string, string[]>): void {
  if (Array.isArray(v)) {
    out.set(prefix.join('/'), prefix);
    for (const el of v) if (el !== null && typeof el === 'object') listPaths(el, [...prefix, '[]'], out);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v))
    if (x !== null && typeof x === 'object') listPaths(x, [...prefix, k], out);
}

/** Patches `r` in place; returns false when the patch deleted it (`$patch: delete`). */
export async function applySmPatch(r: Resource, patch: Resource, schema: MergeSchema): Promise<boolean> {
  const name = r.getName();
  const ns = r.getNamespace();
  const kind = r.getKind();
  if (schema.prepare) {
    const paths = new Map<string, string[]>();
    listPaths(r.obj, [], paths);
    listPaths(patch.obj, [], paths);
    await schema.prepare(r.getApiVersion(), kind, [...paths.values()]);
    if (patch.getApiVersion() !== r.getApiVersion() || patch.getKind() !== kind) {
      await schema.prepare(patch.getApiVersion(), patch.getKind(), [...paths.values()]);
    }
  }
  if (patch.nameChangeAllowed() || patch.kindChangeAllowed()) r.storePreviousId();
  const merged = strategicMerge(deepCopy(patch.obj), r.obj, schema);
  if (!merged || Object.keys(merged).length === 0) {
    r.obj = {};
    return false;
  }
  r.obj = merged;
  if (!patch.kindChangeAllowed()) r.setKind(kind);
  if (!patch.nameChangeAllowed()) r.setName(name);
  r.setNamespace(ns);
  return true;
}

/** The per-target copy resWrangler.ApplySmPatch makes: the target's apiVersion, the patch's kind. */
export function patchCopyFor(target: Resource, patch: Resource): Resource {
  const c = patch.deepCopy();
  c.copyMergeMetaDataFieldsFrom(patch);
  const g = target.getGvk();
  c.setGvk(g);
  c.setKind(patch.getKind());
  return c;
}
