import type { KubeObject } from '../../core/index.ts';
import { alreadyExists, badRequest, methodNotAllowed } from '../errors.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import type { ServerState } from '../state.ts';
import { admit } from './admit.ts';
import type { WriteOptions, WriteResult } from './options.ts';
import { checkBody, nameForCreate } from './type-meta.ts';
import { toStorage, view } from './view.ts';

/**
 * POST: admits and stores a new object. A dry run returns the would-be object without a
 * resourceVersion and stores nothing.
 */
export async function createObject(
  state: ServerState,
  info: ResourceInfo,
  namespace: string,
  body: unknown,
  options: WriteOptions,
): Promise<WriteResult<KubeObject>> {
  if (!info.verbs.includes('create')) throw methodNotAllowed();
  if (info.crd?.terminating) {
    throw methodNotAllowed(`create not allowed while custom resource definition is terminating`);
  }
  if (info.namespaced && !namespace) {
    throw badRequest(`${info.kind}: a namespace is required to create a namespaced object`);
  }
  const obj = checkBody(info, body, namespace);
  if (obj.metadata.resourceVersion)
    throw badRequest('resourceVersion should not be set on objects to be created');
  const generated = !obj.metadata.name && !!obj.metadata.generateName;
  for (let attempt = 0; ; attempt++) {
    const name = nameForCreate(info, obj);
    const warnings: string[] = [];
    const exists = () =>
      state.store.get(info.storageKey, info.namespaced ? namespace : '', name) !== undefined;
    if (exists()) {
      if (generated && attempt < 5) {
        obj.metadata.name = undefined;
        continue;
      }
      throw alreadyExists(info, name, namespace || undefined);
    }
    const request = await admit(
      state,
      info,
      'CREATE',
      '',
      structuredClone(obj),
      undefined,
      options,
      warnings,
    );
    if (options.dryRun) return { object: request.object, warnings };
    if (exists()) throw alreadyExists(info, name, namespace || undefined);
    const event = state.store.put(info.storageKey, toStorage(info, request.object));
    return { ...view(info, event.current), warnings };
  }
}
