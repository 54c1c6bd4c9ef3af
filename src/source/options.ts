import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type Logger } from '../core/index.ts';

export interface GitSourceOptions {
  /** Mirrors, checkouts, temporary files and git's private HOME live here. */
  cacheDir: string;
  /** Artifacts (tar.gz and manifests) live here; Capstan's API serves this directory. */
  storageDir: string;
  /** Base of `Artifact.url`: `<artifactBaseUrl>/<artifact.path>`. */
  artifactBaseUrl: string;
  /** The git binary. */
  git: string;
  /** Git processes allowed at once (all repositories together). */
  maxConcurrentGit: number;
  /** Per git process, ms (Flux's GitRepository default `spec.timeout` is 60s). */
  timeoutMs: number;
  /** Fetch only the tip (`--depth=1`) when the reference allows it. */
  shallow: boolean;
  /** Largest file in a commit, bytes. */
  maxFileSize: number;
  /** Largest sum of file sizes in a commit or artifact, bytes. */
  maxTotalSize: number;
  /** Artifacts kept per owner by `gc()`: the newest `maxCount`, and any younger than `maxAgeMs`. */
  retention: { maxCount: number; maxAgeMs: number };
  /** Mirrors not used for this long are removed by `gc()`. */
  mirrorMaxAgeMs: number;
  /** Bytes of git's stderr kept for error messages. */
  stderrLimit: number;
  logger: Logger;
  /**
   * Called after every git process that talks to a remote (`ls-remote`, `fetch`, …) with the
   * repository (credentials removed), the subcommand, its duration and whether it succeeded: the
   * composition root feeds Argo CD's `argocd_git_request_*` metrics from it.
   */
  onGitRequest: (event: GitRequestEvent) => void;
}

export interface GitRequestEvent {
  repo: string;
  requestType: string;
  seconds: number;
  ok: boolean;
}

export const defaultGitSourceOptions: GitSourceOptions = {
  cacheDir: join(tmpdir(), 'capstan', 'source-cache'),
  storageDir: join(tmpdir(), 'capstan', 'artifacts'),
  artifactBaseUrl: 'http://localhost:9090/artifacts',
  git: 'git',
  maxConcurrentGit: 4,
  timeoutMs: 60_000,
  shallow: true,
  maxFileSize: 64 * 1024 * 1024,
  maxTotalSize: 1024 * 1024 * 1024,
  // Flux's artifact retention: 2 records, 1 minute TTL.
  retention: { maxCount: 2, maxAgeMs: 60_000 },
  mirrorMaxAgeMs: 7 * 24 * 3600 * 1000,
  stderrLimit: 16 * 1024,
  logger: silentLogger,
  onGitRequest: () => undefined,
};
