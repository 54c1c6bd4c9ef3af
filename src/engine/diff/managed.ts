/**
 * `managedFieldsManagers` (Argo CD `util/argo/managedfields`): a field that another manager owns in
 * the live object (`kube-controller-manager`, an HPA, a webhook) and that Git sets to a different
 * value is removed from both sides, so the controller's value is not drift. Fields Git does not set
 * at all are left to the normal comparison, as in Argo CD.
 */
import type { KubeObject } from '../../core/index.ts';
import { getPath, hasPath, type PathElement } from '../object/path.ts';
import { deepEqual } from './equal.ts';
import { ownedFieldPaths } from './owned-fields.ts';
import { resolveFieldPath } from './resolve.ts';

/**
 * The paths to drop from `target` and `live` (normalized copies) because a trusted manager owns
 * them in `liveWithManagedFields` and the two sides disagree there.
 */
export function managedDifferences(
  liveWithManagedFields: KubeObject,
  target: unknown,
  live: unknown,
  managers: readonly string[],
): { target: PathElement[][]; live: PathElement[][] } {
  const out = { target: [] as PathElement[][], live: [] as PathElement[][] };
  if (managers.length === 0) return out;
  for (const fp of ownedFieldPaths(liveWithManagedFields, managers)) {
    const lp = resolveFieldPath(live, fp);
    const tp = resolveFieldPath(target, fp);
    if (!lp || !tp || lp.length === 0 || !hasPath(target, tp)) continue;
    if (deepEqual(getPath(target, tp), getPath(live, lp))) continue;
    out.target.push(tp);
    out.live.push(lp);
  }
  return out;
}
