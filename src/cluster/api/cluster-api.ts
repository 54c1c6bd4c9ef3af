import { throwIfAborted, type KubeObject } from '../../core/index.ts';
import { cloneJson } from '../../kube/index.ts';
import { ApiError, notFound } from '../errors.ts';
import type { ResourceInfo } from '../registry/resource-info.ts';
import { createObject } from '../rest/create.ts';
import { deleteObject } from '../rest/delete.ts';
import { listObjects } from '../rest/list.ts';
import { patchObject } from '../rest/patch.ts';
import type { PatchTypes } from '../rest/patch-types.ts';
import type { WriteResult } from '../rest/options.ts';
import { updateObject } from '../rest/update.ts';
import { copyOf, view } from '../rest/view.ts';
import { startWatch } from '../rest/watch.ts';
import type { ServerState } from '../state.ts';
import { recordEvent } from './events.ts';
import type { ApiWriteOptions, ClusterApi, TypeRef } from './types.ts';
import { QueueStream } from './watch-stream.ts';

const PATCH_ALIASES: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/** The in-process API over the same operations the HTTP handlers call. */
export function createClusterApi(state: ServerState, patchTypes: PatchTypes): ClusterApi {
  const resource = (type: TypeRef): ResourceInfo => {
    const info = state.registry.byKind(type.apiVersion, type.kind);
    if (!info) {
      throw new ApiError({
        message: `no matches for kind "${type.kind}" in version "${type.apiVersion}"`,
        reason: 'NotFound',
        code: 404,
      });
    }
    return info;
  };
  const writeOptions = (o: ApiWriteOptions | undefined) => ({
    dryRun: o?.dryRun === true,
    fieldManager: o?.fieldManager ?? 'capstan',
    ...(o?.fieldValidation ? { fieldValidation: o.fieldValidation } : {}),
  });

  const api: ClusterApi = {
    get<T extends KubeObject>(
      type: TypeRef,
      key: { namespace?: string; name: string },
      options?: { signal?: AbortSignal },
    ) {
      return settle(() => {
        throwIfAborted(options?.signal);
        const info = resource(type);
        const stored = state.store.get(
          info.storageKey,
          info.namespaced ? (key.namespace ?? '') : '',
          key.name,
        );
        if (!stored) throw notFound(info, key.name, key.namespace);
        return copyOf(info, stored) as T;
      });
    },

    list(type, options = {}) {
      return settle(() => {
        throwIfAborted(options.signal);
        const info = resource(type);
        const result = listObjects(state, info, {
          ...options,
          namespace: info.namespaced ? options.namespace : undefined,
        });
        const metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number } = {
          resourceVersion: String(result.rv),
        };
        if (result.continue) metadata.continue = result.continue;
        if (result.remainingItemCount !== undefined) metadata.remainingItemCount = result.remainingItemCount;
        return {
          apiVersion: info.apiVersion,
          kind: info.listKind,
          metadata,
          items: result.items.map((o) => JSON.parse(view(info, o).json) as never),
        };
      });
    },

    async create(object, options) {
      throwIfAborted(options?.signal);
      const info = resource(object);
      const r = await createObject(
        state,
        info,
        object.metadata.namespace ?? '',
        structuredClone(object),
        writeOptions(options),
      );
      return privateCopy(r) as typeof object;
    },

    async update(object, options) {
      throwIfAborted(options?.signal);
      const info = resource(object);
      const r = await updateObject(
        state,
        info,
        object.metadata.namespace ?? '',
        object.metadata.name ?? '',
        () => structuredClone(object),
        writeOptions(options),
      );
      return privateCopy(r) as typeof object;
    },

    async updateStatus(object, options) {
      throwIfAborted(options?.signal);
      const info = resource(object);
      const r = await updateObject(
        state,
        info,
        object.metadata.namespace ?? '',
        object.metadata.name ?? '',
        () => structuredClone(object),
        {
          ...writeOptions(options),
          subresource: 'status',
        },
      );
      return privateCopy(r) as typeof object;
    },

    async patch<T extends KubeObject>(
      type: TypeRef,
      key: { namespace?: string; name: string },
      patch: unknown,
      options: Parameters<ClusterApi['patch']>[3],
    ) {
      throwIfAborted(options.signal);
      const info = resource(type);
      const patchType = patchTypes.get(PATCH_ALIASES[options.type] ?? options.type, info);
      const r = await patchObject(
        state,
        info,
        key.namespace ?? '',
        key.name,
        patchType,
        // Server-side apply never keeps parts of its configuration; other patch types may.
        patchType.contentType === 'application/apply-patch+yaml' ? patch : structuredClone(patch),
        {
          ...writeOptions(options),
          ...(options.subresource ? { subresource: options.subresource } : {}),
          ...(options.force !== undefined ? { force: options.force } : {}),
        },
      );
      return privateCopy(r) as T;
    },

    async delete<T extends KubeObject>(
      type: TypeRef,
      key: { namespace?: string; name: string },
      options: Parameters<ClusterApi['delete']>[2] = {},
    ) {
      throwIfAborted(options.signal);
      const info = resource(type);
      const r = await deleteObject(state, info, key.namespace ?? '', key.name, {
        ...writeOptions(options),
        ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
        ...(options.preconditions ? { preconditions: options.preconditions } : {}),
      });
      return privateCopy(r) as T;
    },

    watch(type, options = {}) {
      const info = resource(type);
      const watch: { handle?: { stop(): void } } = {};
      const stream = new QueueStream<never>(() => watch.handle?.stop());
      watch.handle = startWatch(
        state,
        info,
        { ...options, namespace: info.namespaced ? options.namespace : undefined },
        {
          event: (t, stored) =>
            stream.push({ type: t, object: JSON.parse(view(info, stored).json) as never }),
          bookmark: (rv) =>
            stream.push({
              type: 'BOOKMARK',
              object: {
                apiVersion: info.apiVersion,
                kind: info.kind,
                metadata: { resourceVersion: String(rv) },
              } as never,
            }),
          error: (status) => stream.push({ type: 'ERROR', object: status as never }),
          close: () => stream.end(),
        },
      );
      if (options.signal) {
        if (options.signal.aborted) stream.close();
        else options.signal.addEventListener('abort', () => stream.close(), { once: true });
      }
      return stream;
    },

    recordEvent: (involved, event, options) => recordEvent(api, state, involved, event, options),

    resource,
    resources: () => state.registry.all(),
    get resourceVersion() {
      return String(state.store.rv);
    },
    admission: {
      add: (step) => state.pipeline.add(step),
      remove: (name) => state.pipeline.remove(name),
      steps: () => state.pipeline.describe(),
    },
    patchTypes: { register: (t) => patchTypes.register(t) },
  };
  return api;
}

/** A copy the caller may change: parsed from the stored JSON when there is one, else a deep copy. */
function privateCopy(r: WriteResult<KubeObject>): KubeObject {
  return r.json !== undefined ? (JSON.parse(r.json) as KubeObject) : cloneJson(r.object);
}

/** Runs `fn` so that a throw becomes a rejection, as callers of an async API expect. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}
