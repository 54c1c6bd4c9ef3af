// Public face of the `source` module; see README.md for what references, URLs and artifacts mean.
export { createGitSource } from './source.ts';
export type {
  GitSource,
  RepositoryRequest,
  ResolveRequest,
  ResolvedRevision,
  FetchArtifactRequest,
  IncludeSpec,
  HistoryRequest,
  GcResult,
} from './api.ts';
export { defaultGitSourceOptions, type GitSourceOptions, type GitRequestEvent } from './options.ts';
export { fluxArtifactStatus, type Artifact, type FluxArtifactStatus } from './artifact/types.ts';
export type { CommitMetadata } from './git/commit.ts';
export type { GitRef, FluxGitRef, ArgoGitRef } from './reference.ts';
export { describeRef } from './reference.ts';
export { fluxRevision, parseRevision, type ParsedRevision } from './revision.ts';
export { parseGitUrl, normalizeGitUrl, sameRepository, type GitUrl, type GitScheme } from './url.ts';
export { secretValues, type GitAuth, type SecretLike } from './auth/types.ts';
export { fluxSecretToGitAuth } from './auth/flux-secret.ts';
export {
  argoRepositoryAuth,
  argoNormalizeUrl,
  ARGO_SECRET_TYPE_LABEL,
  type ArgoRepositoryAuthInput,
  type ArgoRepositoryAuth,
} from './auth/argo-secret.ts';
export {
  parseVersion,
  tryParseVersion,
  compareVersions,
  formatVersion,
  type Version,
} from './semver/version.ts';
export {
  parseConstraints,
  satisfies,
  explain,
  formatConstraints,
  isConstraints,
  ConstraintSyntaxError,
  type Constraints,
} from './semver/constraints.ts';
export { selectTag, type TagCandidate } from './semver/select.ts';
export {
  InvalidUrlError,
  InvalidReferenceError,
  InvalidAuthError,
  UnreachableError,
  AuthFailedError,
  HostKeyError,
  TlsError,
  RepositoryNotFoundError,
  ReferenceNotFoundError,
  EmptyRepositoryError,
  TimeoutError,
  TooLargeError,
  UnsafePathError,
  FileNotFoundError,
  GitCommandError,
  StorageError,
} from './errors.ts';
