import { CapstanError, TerminalError } from '../core/index.ts';

/**
 * One class per failure a user can act on, each with a stable `code`. Messages start with the
 * repository (its URL with credentials removed) and never contain a credential.
 */
type Options = { cause?: unknown };

/** The URL is not one of the supported forms. Retrying cannot help. */
export class InvalidUrlError extends TerminalError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_INVALID_URL', cause: options?.cause });
  }
}

/** The reference (branch, tag, semver range, name, commit) is malformed. Retrying cannot help. */
export class InvalidReferenceError extends TerminalError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_INVALID_REFERENCE', cause: options?.cause });
  }
}

/** Credentials from a Secret are malformed (e.g. `insecure: maybe`). */
export class InvalidAuthError extends TerminalError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_INVALID_AUTH', cause: options?.cause });
  }
}

/** DNS failure, refused or reset connection, server gone mid-transfer. */
export class UnreachableError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_UNREACHABLE', cause: options?.cause });
  }
}

/** The server rejected the credentials (or asked for some and none were given). */
export class AuthFailedError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_AUTH_FAILED', cause: options?.cause });
  }
}

/** The SSH host key is unknown or differs from `known_hosts`. */
export class HostKeyError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_HOST_KEY_FAILED', cause: options?.cause });
  }
}

/** The server's TLS certificate could not be verified (or a client certificate was refused). */
export class TlsError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_TLS_FAILED', cause: options?.cause });
  }
}

/** The server answered but has no repository at that path. */
export class RepositoryNotFoundError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_REPOSITORY_NOT_FOUND', cause: options?.cause });
  }
}

/** The repository has no branch, tag or commit matching the reference. */
export class ReferenceNotFoundError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_REFERENCE_NOT_FOUND', cause: options?.cause });
  }
}

/** The repository exists but has no commits. */
export class EmptyRepositoryError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_EMPTY_REPOSITORY', cause: options?.cause });
  }
}

/** The operation ran past its timeout. */
export class TimeoutError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_TIMEOUT', cause: options?.cause });
  }
}

/** A file or the whole artifact exceeds the configured size limit. */
export class TooLargeError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_TOO_LARGE', cause: options?.cause });
  }
}

/** A path inside an artifact escapes it (`..`, absolute, or a symlink pointing outside). */
export class UnsafePathError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_UNSAFE_PATH', cause: options?.cause });
  }
}

/** The path does not exist in the artifact (or is excluded by its ignore rules). */
export class FileNotFoundError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_FILE_NOT_FOUND', cause: options?.cause });
  }
}

/** Any other git failure; the message carries git's own (scrubbed) words. */
export class GitCommandError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_GIT_FAILED', cause: options?.cause });
  }
}

/** Local storage (mirrors, checkouts, artifacts) failed: disk full, permissions. */
export class StorageError extends CapstanError {
  constructor(message: string, options?: Options) {
    super(message, { code: 'SOURCE_STORAGE_FAILED', cause: options?.cause });
  }
}
