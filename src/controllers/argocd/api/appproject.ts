/**
 * AppProject (`argoproj.io/v1alpha1`): what applications of a project may deploy, from where,
 * to where, and when; its roles. As Argo CD's `AppProjectSpec` in `types.go`.
 */
import type { KubeObject, ObjectMeta } from '../../../core/index.ts';

export interface AppProject extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'AppProject';
  metadata: ObjectMeta & { name: string };
  spec: AppProjectSpec;
  status?: AppProjectStatus;
}

export interface AppProjectSpec {
  /** Repository URL globs; `!` negates; `*` allows all. */
  sourceRepos?: string[];
  destinations?: ApplicationDestinationPattern[];
  description?: string;
  roles?: ProjectRole[];
  clusterResourceWhitelist?: ClusterResourceRestriction[];
  clusterResourceBlacklist?: ClusterResourceRestriction[];
  namespaceResourceWhitelist?: GroupKind[];
  namespaceResourceBlacklist?: GroupKind[];
  orphanedResources?: OrphanedResourcesMonitorSettings;
  syncWindows?: SyncWindow[];
  /** Deprecated by Argo CD in favour of `sourceIntegrity`. */
  signatureKeys?: { keyID: string }[];
  sourceIntegrity?: SourceIntegrity;
  /** Namespaces (globs) whose Applications may use this project (apps in any namespace). */
  sourceNamespaces?: string[];
  permitOnlyProjectScopedClusters?: boolean;
  destinationServiceAccounts?: DestinationServiceAccount[];
}

/** Globs over server, name and namespace. */
export interface ApplicationDestinationPattern {
  server?: string;
  name?: string;
  namespace?: string;
}

export interface GroupKind {
  group: string;
  kind: string;
}

export interface ClusterResourceRestriction extends GroupKind {
  name?: string;
}

export interface ProjectRole {
  name: string;
  description?: string;
  /** Casbin lines: `p, proj:<project>:<role>, applications, get, <project>/*, allow`. */
  policies?: string[];
  jwtTokens?: JwtToken[];
  /** OIDC groups bound to the role. */
  groups?: string[];
}

/** What is kept of a project token: never the token itself. */
export interface JwtToken {
  iat: number;
  exp?: number;
  id?: string;
}

export interface OrphanedResourcesMonitorSettings {
  warn?: boolean;
  ignore?: { group?: string; kind?: string; name?: string }[];
}

export interface SyncWindow {
  kind?: 'allow' | 'deny';
  /** Cron expression of the window's start. */
  schedule?: string;
  /** Go duration (`1h`). */
  duration?: string;
  applications?: string[];
  namespaces?: string[];
  clusters?: string[];
  manualSync?: boolean;
  timeZone?: string;
  andOperator?: boolean;
  description?: string;
  syncOverrun?: boolean;
}

export interface SourceIntegrity {
  git: {
    policies: { repos: { url: string }[]; gpg: { mode: string; keys: string[] } }[];
  };
}

export interface DestinationServiceAccount {
  server: string;
  namespace?: string;
  defaultServiceAccount: string;
}

export interface AppProjectStatus {
  jwtTokensByRole?: Record<string, { items?: JwtToken[] }>;
}
