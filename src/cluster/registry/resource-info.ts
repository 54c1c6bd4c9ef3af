import type { KubeObject } from '../../core/index.ts';
import type { ResourceType } from '../../kube/index.ts';
import type { CrdVersion } from '../crd/crd-version.ts';

/**
 * Everything the server knows about one served group/version/resource: the catalog entry plus
 * where its objects live. Several versions of a resource share one `storageKey` and store their
 * objects in `storageVersion`; a version whose shape differs from the stored one converts.
 */
export interface ResourceInfo extends ResourceType {
  /** `apps/v1`, `v1`. */
  readonly apiVersion: string;
  readonly listKind: string;
  /** `<group>/<plural>`: the key objects are stored under, shared by every version. */
  readonly storageKey: string;
  /** The apiVersion objects are stored in. */
  readonly storageVersion: string;
  /** Set for custom resources: the CRD's schema, columns and scale paths for this version. */
  readonly crd?: CrdVersion;
  /** Converts between the stored shape and this version's, when they differ. */
  readonly conversion?: Conversion;
}

export interface Conversion {
  fromStorage(stored: KubeObject): KubeObject;
  toStorage(object: KubeObject): KubeObject;
}

/** `<plural>.<group>` or `<plural>` for the core group, as messages and CRD names spell it. */
export function groupResource(info: { group: string; plural: string }): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}
