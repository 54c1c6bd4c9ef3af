/**
 * Everything a server is configured with. The settings source is required (it holds the admin
 * password hash and the signing key); the rest has defaults.
 */
import { fileURLToPath } from 'node:url';
import type { Logger } from '../core/index.ts';
import { createLogger } from '../core/index.ts';
import { defaultLoginLimitOptions, type LoginLimitOptions } from './auth/login-limiter.ts';
import type { SettingsSource } from './auth/settings-source.ts';
import type { CapstanMetrics } from './metrics/metrics.ts';
import { staticProjectSource, type ProjectSource } from './rbac/projects.ts';
import { defaultSseHubOptions, type SseHubOptions } from './sse/hub.ts';
import type { ArgoQueries, ClusterView } from './cluster-view.ts';

/** What `GET /api/version` reports (Argo CD's field names). */
export interface VersionInfo {
  Version: string;
  BuildDate: string;
  GitCommit: string;
  Platform: string;
  KubeVersion: string;
}

export type HealthCheck = (signal: AbortSignal) => Promise<{ ok: true } | { ok: false; reason: string }>;

export interface ServerOptions {
  /** Interface to listen on. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** `argocd-cm`, `argocd-secret` and `argocd-rbac-cm`. */
  settings: SettingsSource;
  /** AppProjects, for project roles in RBAC, `/api/v1/projects` and project tokens. */
  projects: ProjectSource;
  /** Where Argo CD's objects live (`argocd`); Applications elsewhere get `<project>/<ns>/<app>` objects. */
  controlNamespace: string;
  /** Whether Applications outside `controlNamespace` are served (reported by `/api/v1/settings`). */
  appsInAnyNamespace: boolean;
  /** The built web UI (`npm run build:ui`); undefined serves no UI. */
  uiDir: string | undefined;
  /** `/healthz`: whether the Kubernetes API can be reached. */
  health: HealthCheck;
  version: VersionInfo;
  /** The process's metrics; created when absent. */
  metrics: CapstanMetrics | undefined;
  log: Logger;
  /** Request bodies above this get 413 (docs/api.md: 1 MiB). */
  bodyLimit: number;
  login: {
    limits: LoginLimitOptions;
    /** Random extra time on every password check (Argo CD: 500–1000 ms) against timing probes. */
    delayMs: { min: number; max: number };
  };
  sse: Pick<SseHubOptions, 'pingIntervalMs' | 'maxQueued'>;
  /** Wall clock in ms; sessions and the login brake read it. */
  now: () => number;
  /** Where Applications and Flux objects are read and written; none serves empty lists. */
  kube: ClusterView | undefined;
  /** The Argo CD controller's queries, once it runs (resource trees, managed resources). */
  argocd: () => ArgoQueries | undefined;
  /** The file of a Flux artifact for a URL path under `/artifacts/`, once Flux runs. */
  artifactFile: (urlPath: string) => string | undefined;
  /** The resource tree of a Flux Kustomization (its inventory and descendants); undefined when it is gone. */
  fluxTree: (namespace: string, name: string) => Promise<unknown>;
  /** Repositories served read-only over smart HTTP at `/git/<name>` (the demo); none when undefined. */
  gitRoot: string | undefined;
}

export const defaultServerOptions: Omit<ServerOptions, 'settings'> = {
  host: '127.0.0.1',
  port: 8080,
  projects: staticProjectSource([]),
  controlNamespace: 'argocd',
  appsInAnyNamespace: false,
  uiDir: fileURLToPath(new URL('../../ui/dist', import.meta.url)),
  health: () => Promise.resolve({ ok: true }),
  version: {
    Version: 'v0.1.0',
    BuildDate: '',
    GitCommit: '',
    Platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
    KubeVersion: '',
  },
  metrics: undefined,
  log: createLogger().child({ component: 'server' }),
  bodyLimit: 1024 * 1024,
  login: { limits: defaultLoginLimitOptions, delayMs: { min: 500, max: 1000 } },
  sse: { pingIntervalMs: defaultSseHubOptions.pingIntervalMs, maxQueued: defaultSseHubOptions.maxQueued },
  now: Date.now,
  kube: undefined,
  argocd: () => undefined,
  artifactFile: () => undefined,
  gitRoot: undefined,
  fluxTree: () => Promise.resolve(undefined),
};
