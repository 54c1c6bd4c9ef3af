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
export type {
  ObjectKey,
  CallOptions,
  GetOptions,
  ListOptions,
  ObjectList,
  KubeReader,
  DryRun,
  WriteOptions,
  CreateOptions,
  UpdateOptions,
  PatchType,
  Patch,
  PatchOptions,
  ApplyOptions,
  PropagationPolicy,
  DeleteOptions,
  KubeWriter,
  WatchOptions,
  WatchEventType,
  WatchEvent,
  KubeWatcher,
  ApiResource,
  KubeDiscovery,
  KubeClient,
} from './client.ts';
export { isSecret, isMaskedSecret, maskSecretData, LAST_APPLIED_ANNOTATION } from './secret/mask.ts';
