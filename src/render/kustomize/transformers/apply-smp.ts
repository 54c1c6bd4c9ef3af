/** Applying one strategic-merge patch resource to one target (Resource.ApplySmPatch). */
import { deepCopy } from '../../yaml/index.ts';
import type { Resource } from '../resource.ts';
import { strategicMerge } from '../smp/merge.ts';
import type { MergeSchema } from '../smp/schema.ts';

/** Patches `r` in place; returns false when the patch deleted it (`$patch: delete`). */
export function applySmPatch(r: Resource, patch: Resource, schema: MergeSchema): boolean {
  const name = r.getName();
  const ns = r.getNamespace();
  const kind = r.getKind();
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
