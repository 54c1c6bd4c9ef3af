// Public face of the `cluster` module; see README.md.
export { startCluster, type RunningCluster } from './start.ts';
export { defaultClusterOptions, type ClusterOptions, type TlsFiles } from './options.ts';
export type {
  ClusterApi,
  TypeRef,
  ObjectKey,
  KubeList,
  WatchEvent,
  WatchStream,
  ApiReadOptions,
  ApiWriteOptions,
  ApiListOptions,
  ApiWatchOptions,
  ApiDeleteOptions,
  ApiPatchOptions,
  EventRecord,
} from './api/types.ts';
export {
  ADMISSION_SLOTS,
  type AdmissionSlot,
  type AdmissionStep,
  type AdmissionRequest,
  type ObjectReader,
  type Operation,
  type Subresource,
  type FieldValidation,
} from './admission/types.ts';
export type { ResourceInfo } from './registry/resource-info.ts';
export type { PatchType, PatchContext, DecodedPatch } from './rest/patch-types.ts';
export {
  ApiError,
  ClusterDataError,
  invalid,
  badRequest,
  conflict,
  notFound,
  type StatusBody,
  type StatusDetails,
  type StatusCause,
  type FieldError,
} from './errors.ts';
export { KUBERNETES_VERSION } from './discovery/version.ts';
