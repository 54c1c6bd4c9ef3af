import type { KubeObject } from '../../core/index.ts';
import type { Subresource } from '../admission/types.ts';
import { badRequest, conflict, methodNotAllowed, MODIFIED_CONFLICT, notFound } from '../errors.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { ServerState } from '../state.ts';
import { admit, pendingFinalizers } from './admit.ts';
import type { WriteOptions, WriteResult } from './options.ts';
import { checkBody } from './type-meta.ts';
import { copyOf, toStorage, view } from './view.ts';

/**
 * Produces the new object from the current one: a PUT returns its body, a PATCH the patched
 * current object. Called again on retry, always with the latest stored object.
 */
export type Produce = (current: KubeObject) => unknown;

export interface UpdateOptions extends WriteOptions {
  subresource?: Subresource;
  /**
   * `produce` never changes the object it is given and returns one that shares nothing with it
   * (server-side apply), so it may be given the stored object itself instead of a copy.
   */
  readOnlyProduce?: boolean;
}

const MAX_ATTEMPTS = 8;

/**
 * PUT/PATCH with kube-apiserver's GuaranteedUpdate semantics: a resourceVersion in the new object
 * is a precondition (409 on mismatch); without one, a concurrent change makes the update retry on
 * the fresh object. An update that changes nothing stores nothing (same resourceVersion, no event).
 * Emptying the finalizers of an object being deleted completes its deletion.
 */
export async function updateObject(
  state: ServerState,
  info: ResourceInfo,
  namespace: string,
  name: string,
  produce: Produce,
  options: UpdateOptions,
): Promise<WriteResult<KubeObject>> {
  if (!info.verbs.includes('update') && !info.verbs.includes('patch')) throw methodNotAllowed();
  const ns = info.namespaced ? namespace : '';
  for (let attempt = 1; ; attempt++) {
    const stored = state.store.get(info.storageKey, ns, name);
    if (!stored) throw notFound(info, name, ns || undefined);
    // The stored object itself, shared: admission steps read oldObject and never change it.
    const viewed = view(info, stored);
    const current = viewed.object;
    const candidate = checkBody(
      info,
      await produce(options.readOnlyProduce ? current : copyOf(info, stored)),
      ns,
    );
    if (candidate.metadata.name !== undefined && candidate.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${candidate.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    candidate.metadata.name = name;
    const precondition = candidate.metadata.resourceVersion;
    if (precondition !== undefined && precondition !== '' && precondition !== String(stored.rv)) {
      throw conflict(info, name, MODIFIED_CONFLICT, ns || undefined);
    }
    const uid = candidate.metadata.uid;
    if (uid && uid !== current.metadata.uid) {
      throw conflict(
        info,
        name,
        `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`,
        ns || undefined,
      );
    }
    const warnings: string[] = [];
    const request = await admit(
      state,
      info,
      'UPDATE',
      options.subresource ?? '',
      candidate,
      current,
      options,
      warnings,
    );
    const next = request.object;
    next.metadata.resourceVersion = current.metadata.resourceVersion;
    if (sameObject(next, current)) return { ...viewed, warnings };
    if (options.dryRun) return { object: next, warnings };
    if (state.store.get(info.storageKey, ns, name)?.rv !== stored.rv) {
      // Changed while async admission steps ran: a precondition now fails, otherwise retry.
      if (precondition || attempt >= MAX_ATTEMPTS)
        throw conflict(info, name, MODIFIED_CONFLICT, ns || undefined);
      continue;
    }
    if (next.metadata.deletionTimestamp && pendingFinalizers(info, next).length === 0) {
      const event = state.store.remove(info.storageKey, ns, name, toStorage(info, next))!;
      return { ...view(info, event.current), warnings };
    }
    const event = state.store.put(info.storageKey, toStorage(info, next));
    return { ...view(info, event.current), warnings };
  }
}

/** Equal as JSON values, key order aside. */
function sameObject(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameObject((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
