import type { KubeObject } from '../../core/index.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { StoredObject } from '../storage/store.ts';

/** An object as one served version shows it. */
export interface Viewed {
  object: KubeObject;
  json: string;
}

/**
 * The stored object as `info`'s version presents it: the stored JSON as-is when the versions
 * agree (the fast path every GET takes), relabelled for other versions of a custom resource
 * (conversion None), converted for events.k8s.io.
 */
export function view(info: ResourceInfo, stored: StoredObject): Viewed {
  if (info.conversion) {
    const object = info.conversion.fromStorage(stored.object);
    return { object, json: JSON.stringify(object) };
  }
  if (info.apiVersion === stored.object.apiVersion) return { object: stored.object, json: stored.json };
  const object = { ...stored.object, apiVersion: info.apiVersion };
  return { object, json: JSON.stringify(object) };
}

/** The object as storage keeps it (the stored version's shape). */
export function toStorage(info: ResourceInfo, object: KubeObject): KubeObject {
  if (info.conversion) return info.conversion.toStorage(object);
  if (object.apiVersion !== info.storageVersion) return { ...object, apiVersion: info.storageVersion };
  return object;
}

/** A private, mutable copy of a stored object in `info`'s version. */
export function copyOf(info: ResourceInfo, stored: StoredObject): KubeObject {
  return JSON.parse(view(info, stored).json) as KubeObject;
}
