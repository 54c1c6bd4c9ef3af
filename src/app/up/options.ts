import { homedir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type Logger } from '../../core/index.ts';
import { defaultServerOptions } from '../../server/index.ts';

export interface CapstanOptions {
  /** Aborting it stops everything, like `close()`. */
  signal: AbortSignal;
  /** State: the cluster's storage, kubeconfig, admin password, git caches, artifacts, demo repo. */
  dataDir: string;
  /** Interface of the API server and UI. */
  host: string;
  /** Port of the API server and UI; 0 picks a free one. The cluster always gets a free port. */
  port: number;
  /** Create the demo repository, Application, GitRepository and Kustomization (once). */
  demo: boolean;
  /** The built web UI; undefined serves none. */
  uiDir: string | undefined;
  /** Where Argo CD's objects live. */
  argoNamespace: string;
  /** Where the demo's Flux objects live. */
  fluxNamespace: string;
  /** Store a CLI context (server URL and an admin session) so `capstan` commands need no flags. */
  storeCliContext: boolean;
  /** The CLI config file; the user's default when undefined. */
  cliConfigPath: string | undefined;
  /** How often artifacts past retention, and those of deleted objects, are removed. */
  sourceGcIntervalMs: number;
  /** The artifacts' retention; the git source's (Flux's: 2, 1 minute) when undefined. */
  artifactRetention: { maxCount: number; maxAgeMs: number } | undefined;
  logger: Logger;
}

export const defaultCapstanOptions: Omit<CapstanOptions, 'signal'> = {
  dataDir: join(homedir(), '.capstan'),
  host: '127.0.0.1',
  port: 8080,
  demo: true,
  uiDir: defaultServerOptions.uiDir,
  argoNamespace: 'argocd',
  fluxNamespace: 'flux-system',
  storeCliContext: true,
  cliConfigPath: undefined,
  sourceGcIntervalMs: 5 * 60_000,
  artifactRetention: undefined,
  logger: silentLogger,
};
