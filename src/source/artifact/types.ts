import type { CommitMetadata } from '../git/commit.ts';

/**
 * An immutable, verified snapshot of a repository at one commit, filtered by its ignore rules:
 * a deterministic tar.gz (what Flux's `status.artifact` describes) and the files it holds, which
 * `readFile` serves from the commit's checkout.
 */
export interface Artifact {
  /** As users see it: Flux `main@sha1:<commit>` / `sha1:<commit>`; Argo CD the bare SHA. */
  revision: string;
  /** The commit, 40 hex digits. */
  commit: string;
  /** `sha256:<hex>` of the tar.gz. */
  digest: string;
  /** RFC 3339, when the tar.gz was written. */
  lastUpdateTime: string;
  /** Bytes of the tar.gz. */
  size: number;
  /** The tar.gz relative to the storage root: `<owner>/<commit>.tar.gz`. */
  path: string;
  /** Where Capstan's API serves the tar.gz: `<artifactBaseUrl>/<path>`. */
  url: string;
  /** Groups artifacts for retention, e.g. `gitrepository/flux-system/podinfo`. */
  owner: string;
  /** The full ref that was resolved (`refs/heads/main`), when a ref was. */
  ref: string | undefined;
  /** Hash of the options that shape content (ignore rules, includes, submodules). */
  contentKey: string;
  /** Number of files in the artifact. */
  fileCount: number;
  metadata: CommitMetadata;
}

/** Exactly the fields of Flux's `status.artifact`. */
export interface FluxArtifactStatus {
  digest: string;
  lastUpdateTime: string;
  path: string;
  revision: string;
  size: number;
  url: string;
}

export function fluxArtifactStatus(a: Artifact): FluxArtifactStatus {
  return {
    digest: a.digest,
    lastUpdateTime: a.lastUpdateTime,
    path: a.path,
    revision: a.revision,
    size: a.size,
    url: a.url,
  };
}

/** What is stored beside each tar.gz: the artifact and where its files are. */
export interface ArtifactManifest {
  artifact: Artifact;
  /** Absolute directory the files are read from (a commit checkout, or a composed tree). */
  contentDir: string;
  /** Included paths: files and symlinks (directories implied). */
  files: string[];
}
