import type { Registry } from '../registry/registry.ts';
import type { Store } from '../storage/store.ts';
import { CRD_STORAGE_KEY, type Crd } from './crd-types.ts';
import { isEstablished, resourceInfosOf } from './resource-infos.ts';

/**
 * Keeps the registry in step with the stored CRDs: a CRD is served the moment it is stored
 * established (the same commit that acknowledges its creation), re-served on change, and
 * unserved when it is finally deleted.
 */
export function serveCustomResources(store: Store, registry: Registry): () => void {
  const sync = (crd: Crd) => {
    const name = crd.metadata.name ?? '';
    if (isEstablished(crd)) registry.setCustom(name, resourceInfosOf(crd));
    else registry.removeCustom(name);
  };
  for (const stored of store.list(CRD_STORAGE_KEY)) sync(stored.object as Crd);
  return store.subscribe((event) => {
    if (event.resource !== CRD_STORAGE_KEY) return;
    if (event.type === 'DELETED') registry.removeCustom(event.name);
    else sync(event.current.object as Crd);
  });
}
