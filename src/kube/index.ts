// Public face of the `kube` module; see README.md.
export {
  BUILTIN_RESOURCES,
  ALL_VERBS,
  builtinByKind,
  builtinByResource,
  builtinGroupVersions,
  type ResourceType,
  type ScaleSubresource,
  type Verb,
} from './catalog/index.ts';
export { applyJsonPatch, type JsonPatchOperation } from './patch/json-patch.ts';
export { applyMergePatch, createMergePatch } from './patch/merge-patch.ts';
export { PatchError } from './patch/error.ts';
export { jsonEqual, type JsonValue, type JsonObject } from './patch/json-value.ts';
