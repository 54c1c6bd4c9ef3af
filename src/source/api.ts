import type { Artifact } from './artifact/types.ts';
import type { GitAuth } from './auth/types.ts';
import type { CommitMetadata } from './git/commit.ts';
import type { GitRef } from './reference.ts';

// The requests and answers of a git source, and the source itself: what callers program against.

/** Which repository, with which credentials. */
export interface RepositoryRequest {
  url: string;
  auth?: GitAuth | undefined;
  signal?: AbortSignal | undefined;
  /** Per git process, ms; defaults to the source's `timeoutMs`. */
  timeoutMs?: number | undefined;
}

export interface ResolveRequest extends RepositoryRequest {
  ref: GitRef;
}

/** Where a reference points now. */
export interface ResolvedRevision {
  /** The commit, 40 hex digits. */
  commit: string;
  /** As users see it: Flux `main@sha1:<commit>`, Argo CD the bare SHA. */
  revision: string;
  /** The full ref resolved (`refs/heads/main`), when the reference named one. */
  ref: string | undefined;
}

/** Another artifact copied into this one (Flux's GitRepository `spec.include`). */
export interface IncludeSpec {
  artifact: Artifact;
  /** Directory of the included artifact to copy; default its root. */
  fromPath?: string | undefined;
  /** Where it lands in this artifact (replacing what was there). */
  toPath: string;
}

export interface FetchArtifactRequest extends ResolveRequest {
  /** Groups artifacts for paths and retention, e.g. `gitrepository/flux-system/podinfo`. */
  owner?: string | undefined;
  /** `spec.ignore`: gitignore lines applied after every `.sourceignore`. */
  ignore?: string | undefined;
  include?: readonly IncludeSpec[] | undefined;
  recurseSubmodules?: boolean | undefined;
  /** Flux's default exclusions (default true; Argo CD callers usually pass false). */
  fluxDefaults?: boolean | undefined;
}

export interface HistoryRequest extends ResolveRequest {
  /** Commits to return, newest first; default 20. */
  limit?: number | undefined;
}

export interface GcResult {
  removedArtifacts: string[];
  removedCheckouts: number;
  removedMirrors: number;
}

export interface GitSource {
  /** Where `ref` points now: one `ls-remote` (plus a fetch only for abbreviated SHAs). For polling. */
  resolve(req: ResolveRequest): Promise<ResolvedRevision>;
  /**
   * The artifact of `ref` now: fetched into the mirror only if the commit is missing, checked out
   * once per commit, archived once per commit and content options. A failure throws and leaves
   * every earlier artifact in place.
   */
  fetchArtifact(req: FetchArtifactRequest): Promise<Artifact>;
  /** One file of an artifact; refuses escaping paths and symlinks, excluded files and oversize files. */
  readFile(artifact: Artifact, path: string, options?: { signal?: AbortSignal }): Promise<Buffer>;
  /** Paths of the files (and symlinks) in an artifact, in archive order. */
  listFiles(artifact: Artifact): Promise<string[]>;
  /** Commit metadata of the last `limit` commits reachable from `ref`, newest first. */
  history(req: HistoryRequest): Promise<CommitMetadata[]>;
  /**
   * Applies retention to artifacts and removes checkouts and mirrors nothing uses. `isLive` says
   * whether an artifact owner's object still exists; a dead owner's artifacts all go.
   */
  gc(options?: {
    signal?: AbortSignal;
    keep?: readonly Artifact[];
    isLive?: (owner: string) => boolean;
  }): Promise<GcResult>;
  /** Git processes started so far, by subcommand (`fetch`, `ls-remote`, …). */
  stats(): { gitProcesses: Record<string, number> };
  /**
   * Absolute file of a stored tar.gz by its `Artifact.path`, for serving it over HTTP; undefined
   * for paths that escape the storage directory or are not artifacts. It may no longer exist (gc).
   */
  artifactFile(path: string): string | undefined;
}
