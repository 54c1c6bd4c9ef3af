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

// Schema of built-in kinds and custom resources (schema/).
export { ANY } from './schema/untyped.ts';
export {
  schemaFor,
  schemaForType,
  schemaForCustomResource,
  isBuiltin,
  builtinKinds,
  type CrdLike,
} from './schema/lookup.ts';
export { openApiNode, type JsonSchemaProps } from './schema/openapi.ts';
export { structuralSchemaErrors } from './schema/structural.ts';
export type { SchemaNode, SchemaNodeKind, ListType, MapType, ScalarType, Gvk } from './schema/types.ts';
export { cloneJson, jsonEqual, isObject, type JsonObject, type JsonValue } from './json.ts';

// Strategic merge patch (smp/).
export { strategicMergePatch } from './smp/apply.ts';
export {
  createStrategicMergePatch,
  createTwoWayMergePatch,
  createThreeWayMergePatch,
  defaultCreatePatchOptions,
  type CreatePatchOptions,
} from './smp/create.ts';
export { StrategicMergePatchError, StrategicMergePatchConflictError } from './smp/errors.ts';

// Server-side apply and managedFields (ssa/).
export {
  applyServerSide,
  defaultServerSideApplyOptions,
  ManagedFieldsError,
  type ServerSideApplyOptions,
  type ApplyResult,
} from './ssa/apply.ts';
export { trackUpdate, type TrackUpdateOptions, type TrackUpdateResult } from './ssa/track-update.ts';
export { defaultFieldManagerOptions, managerFromUserAgent, type FieldManagerOptions } from './ssa/options.ts';
export { SsaConflictError, type FieldConflict, type ConflictCause } from './ssa/conflict.ts';
export { SsaBadRequestError, SsaInvalidError } from './ssa/errors.ts';
export { FieldSet } from './ssa/field-set.ts';
export {
  fieldElement,
  keyElement,
  valueElement,
  indexElement,
  pathString,
  type PathElement,
} from './ssa/path-element.ts';
export { toFieldSet } from './ssa/to-field-set.ts';
export {
  decodeManagedFields,
  encodeManagedFields,
  type ManagerEntry,
  type Managers,
} from './ssa/managers.ts';
export { LAST_APPLIED_ANNOTATION } from './ssa/last-applied.ts';
export { goJson } from './ssa/go-json.ts';

// Defaulting (defaults/).
export {
  applyDefaults,
  DEFAULTERS,
  defaultDefaultsOptions,
  type DefaultsOptions,
} from './defaults/apply-defaults.ts';
export { materializeGoValues, goZeroValue } from './defaults/go-shape.ts';
export { imageTag } from './defaults/pod.ts';

// Validation (validation/).
export { validateCreate, validateUpdate, assertValid } from './validation/validate.ts';
export { InvalidObjectError, type FieldCause, type FieldReason } from './validation/field-errors.ts';
export { validateName, dns1123Subdomain, dns1123Label, dns1035Label } from './validation/names.ts';
export {
  decodeJsonStrict,
  decodeYamlStrict,
  findUnknownFields,
  pruneUnknownFields,
  BodyDecodeError,
  type DecodedBody,
  type FieldProblem,
} from './validation/strict-decode.ts';
export { goDecodeError } from './validation/go-decode.ts';
export {
  enforceFieldValidation,
  parseFieldValidation,
  defaultFieldValidation,
  StrictDecodingError,
  type FieldValidation,
} from './validation/field-validation.ts';
export {
  validatePatchOptions,
  type PatchRequestOptions,
  type PatchMediaType,
} from './validation/patch-options.ts';
export { isSecret, isMaskedSecret, maskSecretData } from './secret/mask.ts';

// The client over @kubernetes/client-node (http/).
export {
  createKubeClient,
  defaultKubeClientOptions,
  KubeconfigError,
  type KubeClientOptions,
  type KubeconfigSource,
} from './http/create-client.ts';
export {
  KubeApiError,
  NotFoundError,
  AlreadyExistsError,
  ConflictError,
  InvalidError,
  BadRequestError,
  ForbiddenError,
  UnauthorizedError,
  ExpiredError,
  UnsupportedMediaTypeError,
  MethodNotAllowedError,
  TooManyRequestsError,
  ServerTimeoutError,
  InternalError,
  ServiceUnavailableError,
  NoKindMatchError,
  type ApiStatus,
  type StatusCause,
} from './http/errors.ts';
export { ConnectionError } from './http/transport.ts';

export { labelSelectorMatches, type LabelSelector } from './label-selector.ts';
