import { builtinModelNode } from './builtin.ts';
import { BUILTIN_KINDS, isBuiltinKind } from './kinds.ts';
import { modelFor } from './models.ts';
import { customResourceNode, type JsonSchemaProps } from './openapi.ts';
import { tableGroupVersion } from './kinds.ts';
import type { Gvk, SchemaNode } from './types.ts';

const builtinRoots = new Map<string, SchemaNode | null>();

function apiVersionOf(gvk: Gvk | { apiVersion: string; kind: string }): { apiVersion: string; kind: string } {
  if ('apiVersion' in gvk) return gvk;
  return { apiVersion: gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`, kind: gvk.kind };
}

/**
 * The schema of a built-in kind (`{group:'apps', version:'v1', kind:'Deployment'}` or
 * `{apiVersion:'apps/v1', kind:'Deployment'}`), or undefined for kinds outside the catalog groups
 * (custom resources: use `schemaForCustomResource`). Roots are built once and cached.
 */
export function schemaFor(gvk: Gvk | { apiVersion: string; kind: string }): SchemaNode | undefined {
  const { apiVersion, kind } = apiVersionOf(gvk);
  const key = `${apiVersion}/${kind}`;
  const cached = builtinRoots.get(key);
  if (cached !== undefined) return cached ?? undefined;
  let node: SchemaNode | undefined;
  if (isBuiltinKind(apiVersion, kind)) {
    const model = modelFor(tableGroupVersion(apiVersion), kind);
    node = model ? builtinModelNode(model) : undefined;
  }
  builtinRoots.set(key, node ?? null);
  return node;
}

/** True when `schemaFor` knows the kind as a built-in type (SMP applies; CRs get 415). */
export function isBuiltin(gvk: Gvk | { apiVersion: string; kind: string }): boolean {
  const { apiVersion, kind } = apiVersionOf(gvk);
  return isBuiltinKind(apiVersion, kind);
}

/** Every built-in apiVersion/kind pair we serve a schema for. */
export function builtinKinds(): { apiVersion: string; kind: string }[] {
  return Object.entries(BUILTIN_KINDS).flatMap(([apiVersion, kinds]) =>
    kinds.map((kind) => ({ apiVersion, kind })),
  );
}

/** The node of a built-in Go type (`core/v1`, `PodSpec`), for callers that hold a sub-object. */
export function schemaForType(groupVersion: string, goType: string): SchemaNode | undefined {
  const model = modelFor(groupVersion, goType);
  return model ? builtinModelNode(model) : undefined;
}

/** The minimal shape of a CustomResourceDefinition that schema lookup reads. */
export interface CrdLike {
  spec?: {
    versions?: { name?: string; schema?: { openAPIV3Schema?: JsonSchemaProps } }[];
  };
}

const crdRoots = new WeakMap<object, Map<string, SchemaNode>>();

/**
 * The schema of a custom resource at `version`, from its CRD. Cached per CRD object, so replace
 * the CRD object (as a store does on update) to see a changed schema. A version without a schema
 * yields a node where every field is untyped and preserved.
 */
export function schemaForCustomResource(crd: CrdLike, version: string): SchemaNode {
  let byVersion = crdRoots.get(crd);
  if (!byVersion) {
    byVersion = new Map();
    crdRoots.set(crd, byVersion);
  }
  let node = byVersion.get(version);
  if (!node) {
    const v = crd.spec?.versions?.find((x) => x.name === version);
    node = customResourceNode(v?.schema?.openAPIV3Schema);
    byVersion.set(version, node);
  }
  return node;
}
