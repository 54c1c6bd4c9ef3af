/**
 * Which fields a set of managers owns in an object, read from `metadata.managedFields` with kube's
 * FieldsV1 decoding (the same the embedded API server writes with). Each path is a list of kube
 * path elements (`f:spec`, `k:{"name":"web"}`, `v:"x"`, `i:0`). An entry that does not decode
 * (hand-written, or from a newer server) is skipped rather than failing the whole diff.
 */
import type { KubeObject } from '../../core/index.ts';
import { decodeManagedFields, type FieldSet, type PathElement } from '../../kube/index.ts';

/** The union of the fields `managers` own (any operation, the main resource only). */
export function ownedFieldPaths(obj: KubeObject, managers: readonly string[]): PathElement[][] {
  if (managers.length === 0) return [];
  let owned: FieldSet | undefined;
  for (const entry of obj.metadata.managedFields ?? []) {
    if (entry.subresource || !managers.includes(entry.manager ?? '')) continue;
    let decoded;
    try {
      // Lenient about what only the server's own bookkeeping needs (apiVersion, fieldsType).
      decoded = decodeManagedFields([
        { ...entry, apiVersion: entry.apiVersion || 'v1', fieldsType: entry.fieldsType ?? 'FieldsV1' },
      ]);
    } catch {
      continue;
    }
    for (const e of decoded.values()) owned = owned ? owned.union(e.set) : e.set;
  }
  return owned ? owned.paths() : [];
}
