/**
 * What the cache keeps per object, and how it keeps memory bounded. The watch delivers the whole
 * object; the cached copy drops `metadata.managedFields` (often larger than the object itself) and,
 * for objects no application tracks, the last-applied annotation (a second copy of the object that
 * only the legacy three-way diff of tracked objects reads). For tracked objects the managedFields
 * are kept as one JSON string, parsed again only when a diff needs ownership
 * (`managedFieldsManagers` ignore rules, Flux's taking over from kubectl).
 */
import type { KubeObject, ManagedFieldsEntry } from '../../core/index.ts';
import { LAST_APPLIED } from '../object/annotations.ts';
import { formatKey, keyOf, type ResourceKey } from '../object/key.ts';

export interface CacheEntry {
  key: ResourceKey;
  /** `formatKey(key)`: `group/Kind/ns/name`. */
  id: string;
  /** The stripped object. Shared with every reader: never change it. */
  object: KubeObject;
  /** `metadata.managedFields` as JSON, for tracked objects only. */
  managedFields: string | undefined;
  /** Tracking owners by tracker name (`argocd` → app name), from the trackers the cache was given. */
  owners: ReadonlyMap<string, string>;
}

/** Strips one watched object into an entry; `owners` decides what is kept. */
export function toEntry(obj: KubeObject, owners: ReadonlyMap<string, string>): CacheEntry {
  const tracked = owners.size > 0;
  const { managedFields, annotations, ...meta } = obj.metadata;
  let kept = annotations;
  if (!tracked && annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
    kept = rest;
  }
  const object: KubeObject = {
    ...obj,
    metadata: kept === undefined ? meta : { ...meta, annotations: kept },
  };
  const key = keyOf(obj);
  return {
    key,
    id: formatKey(key),
    object,
    managedFields:
      tracked && managedFields && managedFields.length > 0 ? JSON.stringify(managedFields) : undefined,
    owners,
  };
}

/** The entry's object with its managedFields back (a new object; the cached one is untouched). */
export function withManagedFields(entry: CacheEntry): KubeObject {
  if (entry.managedFields === undefined) return entry.object;
  return {
    ...entry.object,
    metadata: {
      ...entry.object.metadata,
      managedFields: JSON.parse(entry.managedFields) as ManagedFieldsEntry[],
    },
  };
}
