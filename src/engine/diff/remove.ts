/**
 * Deleting a set of paths from an object the way jq's `delpaths` does: deepest and highest array
 * index first, so earlier deletions do not shift later ones. Then Argo CD's cleanup
 * (`removeEmptyObjects`): maps and lists left empty by the deletions disappear.
 */
import { deletePath, isObject, type PathElement } from '../object/path.ts';

function compare(a: readonly PathElement[], b: readonly PathElement[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(x) < String(y) ? 1 : -1;
  }
  return b.length - a.length;
}

export function removePaths(obj: unknown, paths: readonly (readonly PathElement[])[]): void {
  for (const p of [...paths].sort(compare)) deletePath(obj, p);
}

/** Removes empty maps and empty lists, recursively (Argo CD `removeEmptyObjects`). */
export function removeEmpty(obj: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(obj)) {
    if (isObject(v)) {
      removeEmpty(v);
      if (Object.keys(v).length === 0) delete obj[k];
    } else if (Array.isArray(v)) {
      const kept = v.filter((item) => {
        if (!isObject(item)) return true;
        removeEmpty(item);
        return Object.keys(item).length > 0;
      });
      if (kept.length === 0) delete obj[k];
      else if (kept.length !== v.length) obj[k] = kept;
    }
  }
}
