import type { KubeObject } from '../../core/index.ts';
import { timestamp } from '../admission/system-metadata.ts';
import { conflict, methodNotAllowed, notFound } from '../errors.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { ServerState } from '../state.ts';
import { admit, pendingFinalizers } from './admit.ts';
import { listObjects, type ListParams } from './list.ts';
import type { WriteOptions } from './options.ts';
import { copyOf, toStorage, view } from './view.ts';

/** The body of a DELETE (`DeleteOptions`), as far as this server honours it. */
export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  /** The object: gone (its last state) or still there with deletionTimestamp set. */
  object: KubeObject;
  /** True when the object is gone; false when finalizers keep it. */
  deleted: boolean;
  warnings: string[];
}

/**
 * DELETE: an object without finalizers goes at once; one with finalizers gets its
 * deletionTimestamp (and a generation bump) and stays until an update empties them. A Namespace
 * also turns Terminating (its `kubernetes` spec finalizer keeps it until the namespace
 * controller has emptied it).
 */
export async function deleteObject(
  state: ServerState,
  info: ResourceInfo,
  namespace: string,
  name: string,
  options: DeleteOptions,
): Promise<DeleteResult> {
  if (!info.verbs.includes('delete')) throw methodNotAllowed();
  const ns = info.namespaced ? namespace : '';
  const stored = state.store.get(info.storageKey, ns, name);
  if (!stored) throw notFound(info, name, ns || undefined);
  const current = copyOf(info, stored);
  const pre = options.preconditions;
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw conflict(
      info,
      name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
      ns || undefined,
    );
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(
      info,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      ns || undefined,
    );
  }
  const warnings: string[] = [];
  const request = await admit(
    state,
    info,
    'DELETE',
    '',
    withPropagation(state, current, options),
    current,
    options,
    warnings,
  );
  const object = request.object;
  if (pendingFinalizers(info, object).length > 0) {
    markDeleting(state, info, object, options);
    if (options.dryRun || sameMarks(object, current))
      return { object: options.dryRun ? object : current, deleted: false, warnings };
    const event = state.store.put(info.storageKey, toStorage(info, object));
    return { object: view(info, event.current).object, deleted: false, warnings };
  }
  if (options.dryRun) return { object: current, deleted: true, warnings };
  const event = state.store.remove(info.storageKey, ns, name, toStorage(info, object));
  return { object: event ? view(info, event.current).object : current, deleted: true, warnings };
}

/** The object with the finalizer its propagation policy asks for (when a GC will honour it). */
function withPropagation(state: ServerState, current: KubeObject, options: DeleteOptions): KubeObject {
  const obj = structuredClone(current);
  const meta = obj.metadata;
  if (state.settings.garbageCollector) {
    const finalizer =
      options.propagationPolicy === 'Foreground'
        ? 'foregroundDeletion'
        : options.propagationPolicy === 'Orphan'
          ? 'orphan'
          : undefined;
    if (finalizer && !(meta.finalizers ?? []).includes(finalizer))
      meta.finalizers = [...(meta.finalizers ?? []), finalizer];
  }
  return obj;
}

/**
 * An object that finalizers keep (its own, or ones a DELETE admission step added, e.g. a
 * kubelet's graceful termination) gets deletionTimestamp, a generation bump and, for a
 * Namespace, the Terminating phase — once.
 */
function markDeleting(state: ServerState, info: ResourceInfo, obj: KubeObject, options: DeleteOptions): void {
  const meta = obj.metadata;
  if (meta.deletionTimestamp) return;
  meta.deletionTimestamp = timestamp(state.now());
  meta.deletionGracePeriodSeconds = options.gracePeriodSeconds ?? 0;
  if (meta.generation !== undefined) meta.generation += 1;
  if (info.group === '' && info.kind === 'Namespace') {
    obj.status = { ...(obj.status as object | undefined), phase: 'Terminating' };
  }
}

function sameMarks(a: KubeObject, b: KubeObject): boolean {
  return (
    a.metadata.deletionTimestamp === b.metadata.deletionTimestamp &&
    JSON.stringify(a.metadata.finalizers ?? []) === JSON.stringify(b.metadata.finalizers ?? [])
  );
}

/** DELETE on a collection: deletes every object the selectors match, returning them. */
export async function deleteCollection(
  state: ServerState,
  info: ResourceInfo,
  params: ListParams,
  options: DeleteOptions,
): Promise<{ items: KubeObject[]; warnings: string[] }> {
  if (!info.verbs.includes('deletecollection')) throw methodNotAllowed();
  const { items } = listObjects(state, info, { ...params, limit: undefined, continue: undefined });
  const out: KubeObject[] = [];
  const warnings: string[] = [];
  for (const stored of items) {
    try {
      const r = await deleteObject(
        state,
        info,
        stored.object.metadata.namespace ?? '',
        stored.object.metadata.name ?? '',
        options,
      );
      out.push(r.object);
      warnings.push(...r.warnings);
    } catch (err) {
      // Gone in the meantime: nothing left to delete.
      if ((err as { status?: { code?: number } }).status?.code !== 404) throw err;
    }
  }
  return { items: out, warnings };
}
