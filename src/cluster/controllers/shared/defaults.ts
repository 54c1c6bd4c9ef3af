import type { KubeObject } from '../../../core/index.ts';
import { applyDefaults } from '../../../kube/index.ts';

/**
 * A private copy of `obj` with the API server's defaults applied. Controllers read specs through
 * it so they behave alike whether or not the server's defaulting step ran on the stored object
 * (missing replicas mean 1, a missing strategy means RollingUpdate 25%/25%, and so on).
 */
export function withDefaults<T extends KubeObject>(obj: T): T {
  const copy = structuredClone(obj);
  applyDefaults(copy, { goShape: false });
  return copy;
}
