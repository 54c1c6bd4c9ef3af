/**
 * What kustomize's strategic merge needs to know about types: for a field, its sub-schema, and for
 * a list, its patch strategy and merge keys (x-kubernetes-patch-strategy, and the list-map-keys or
 * patch-merge-key). This narrow interface is satisfied by the kube module's built-in type schema
 * (kustomize reads the same facts from its embedded Kubernetes v1.21.2 OpenAPI) and by custom
 * `openapi:` schemas. Without a schema, lists are replaced by the patch (kyaml does the same for
 * types it has no schema for).
 */
export interface SchemaNode {
  /** The schema of a field of this object, if known. */
  field(name: string): SchemaNode | undefined;
  /** The schema of this list's elements, if known. */
  elements(): SchemaNode | undefined;
  /** `strategy` e.g. `merge` or `retainKeys,merge` (empty when none); `keys` the merge keys. */
  patchStrategy(): { strategy: string; keys: string[] };
}

export interface MergeSchema {
  /** The schema of a whole resource, or undefined for unknown types. */
  forType(apiVersion: string, kind: string): SchemaNode | undefined;
  /**
   * Called before a merge with the list fields it may ask about (paths of field names, `[]` for
   * list elements), so a schema that loads lazily can do its slow work asynchronously.
   */
  prepare?(apiVersion: string, kind: string, paths: string[][], signal?: AbortSignal): Promise<void>;
}

/** No type knowledge: every list is atomic. */
export const noSchema: MergeSchema = { forType: () => undefined };

/** Tries each schema in turn (a custom `openapi:` schema first, then the built-in one). */
export function chainSchemas(...schemas: MergeSchema[]): MergeSchema {
  return {
    async prepare(apiVersion, kind, paths, signal) {
      for (const s of schemas) await s.prepare?.(apiVersion, kind, paths, signal);
    },
    forType(apiVersion, kind) {
      for (const s of schemas) {
        const n = s.forType(apiVersion, kind);
        if (n) return n;
      }
      return undefined;
    },
  };
}
