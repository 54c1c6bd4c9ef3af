/**
 * The kube module's built-in type schema seen through the narrow MergeSchema interface. kyaml
 * takes a list's keys from `x-kubernetes-list-map-keys` when present, else from
 * `x-kubernetes-patch-merge-key`; the kube schema carries both (listMapKeys, patchMergeKey).
 */
import type { SchemaNode as KubeSchemaNode } from '../../../kube/index.ts';
import { loadKube } from '../kube-lazy.ts';
import { cachedSchema, type CachedSchema } from './cached-schema.ts';
import type { MergeSchema, SchemaNode } from './schema.ts';

function adapt(n: KubeSchemaNode | undefined): SchemaNode | undefined {
  if (!n) return undefined;
  return {
    field: (name) => adapt(n.field(name)),
    elements: () => adapt(n.elements()),
    patchStrategy: () => ({
      strategy: n.patchStrategy ?? '',
      keys: n.listMapKeys.length > 0 ? [...n.listMapKeys] : n.patchMergeKey ? [n.patchMergeKey] : [],
    }),
  };
}

async function loadBuiltin(): Promise<MergeSchema> {
  const kube = await loadKube();
  return { forType: (apiVersion, kind) => adapt(kube.schemaFor({ apiVersion, kind })) };
}

/**
 * Merge keys of the built-in Kubernetes types, answered from `cacheFile` when it has them (the
 * kube schema takes ~0.5 s to load) and from the kube module otherwise.
 */
export function builtinMergeSchema(cacheFile?: string): CachedSchema {
  return cachedSchema(loadBuiltin, cacheFile);
}
