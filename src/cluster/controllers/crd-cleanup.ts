import type { Logger } from '../../core/index.ts';
import { CRD_CLEANUP_FINALIZER, CRD_STORAGE_KEY } from '../crd/crd-types.ts';
import { ApiError } from '../errors.ts';
import { deleteObject } from '../rest/delete.ts';
import { updateObject } from '../rest/update.ts';
import type { ServerState } from '../state.ts';
import { KeyedRunner } from './sweeper.ts';

/**
 * Deleting a CustomResourceDefinition deletes its objects: while the CRD is terminating (its
 * cleanup finalizer holds it) every custom resource of it is deleted, and once none is left the
 * finalizer goes and so does the CRD, which then stops being served.
 */
export function runCrdCleanupController(state: ServerState, log: Logger): () => void {
  const crdInfo = state.registry.byKind('apiextensions.k8s.io/v1', 'CustomResourceDefinition')!;
  const terminating = new Map<string, string>(); // storage key of the CRs -> CRD name
  const runner = new KeyedRunner(
    (name) => sweep(name),
    (name, err) => log.warn('crd cleanup: sweep failed', { crd: name, error: err }),
  );

  const sweep = async (crdName: string) => {
    const stored = state.store.get(CRD_STORAGE_KEY, '', crdName);
    if (!stored?.object.metadata.deletionTimestamp) return;
    const served = state.registry.customResources(crdName);
    const info = served.find((r) => r.apiVersion === r.storageVersion) ?? served[0];
    if (info) {
      terminating.set(info.storageKey, crdName);
      for (const o of state.store.list(info.storageKey)) {
        if (o.object.metadata.deletionTimestamp) continue;
        try {
          await deleteObject(state, info, o.object.metadata.namespace ?? '', o.object.metadata.name ?? '', {
            fieldManager: 'apiextensions-controller',
          });
        } catch (err) {
          if (!(err instanceof ApiError && err.httpCode === 404)) throw err;
        }
      }
      if (state.store.count(info.storageKey) > 0) return;
      terminating.delete(info.storageKey);
    }
    await updateObject(
      state,
      crdInfo,
      '',
      crdName,
      (current) => {
        current.metadata.finalizers = (current.metadata.finalizers ?? []).filter(
          (f) => f !== CRD_CLEANUP_FINALIZER,
        );
        return current;
      },
      { fieldManager: 'apiextensions-controller' },
    );
  };

  for (const o of state.store.list(CRD_STORAGE_KEY)) {
    if (o.object.metadata.deletionTimestamp) runner.schedule(o.object.metadata.name ?? '');
  }
  const unsubscribe = state.store.subscribe((event) => {
    if (event.resource === CRD_STORAGE_KEY) {
      if (event.type !== 'DELETED' && event.current.object.metadata.deletionTimestamp)
        runner.schedule(event.name);
      return;
    }
    const crd = terminating.get(event.resource);
    if (crd && event.type === 'DELETED') runner.schedule(crd);
  });
  return () => {
    unsubscribe();
    runner.stop();
  };
}
