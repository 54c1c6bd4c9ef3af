import type { KubeObject } from '../../../core/index.ts';
import type { ControllerContext } from '../loop/context.ts';
import { controllerOf, controllerRef } from './owner.ts';
import { selectorMatches, type LabelSelector } from './selector.ts';

/**
 * `ControllerRefManager.ClaimObjects`: objects the selector matches that have no controller are
 * adopted (our controller ownerReference added); objects we control that it no longer matches
 * are released. A controller being deleted adopts nothing. Returns what it now controls.
 */
export async function claim(
  ctx: ControllerContext,
  owner: KubeObject,
  selector: LabelSelector | undefined,
  candidates: KubeObject[],
  manager: string,
): Promise<KubeObject[]> {
  const uid = owner.metadata.uid;
  const out: KubeObject[] = [];
  for (const o of candidates) {
    if (o.metadata.namespace !== owner.metadata.namespace) continue;
    const ref = controllerOf(o);
    const matches = selectorMatches(selector, o.metadata.labels);
    if (ref?.uid === uid) {
      if (matches || owner.metadata.deletionTimestamp) {
        out.push(o);
        continue;
      }
      const copy = structuredClone(o);
      copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (copy.metadata.ownerReferences.length === 0) delete copy.metadata.ownerReferences;
      await ctx.update(copy, manager);
      continue;
    }
    if (ref || !matches || owner.metadata.deletionTimestamp || o.metadata.deletionTimestamp) continue;
    const copy = structuredClone(o);
    copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []), controllerRef(owner)];
    out.push(await ctx.update(copy, manager));
  }
  return out;
}
