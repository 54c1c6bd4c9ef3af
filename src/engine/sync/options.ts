/**
 * Sync options: the `argocd.argoproj.io/sync-options` annotation on a resource (CSV) and
 * `spec.syncPolicy.syncOptions` on an Application (a list), both `Key=Value` strings. A resource's
 * option overrides the application's for the same key (`ServerSideApply=false` on one resource of an
 * SSA app). Unknown strings are kept so they can be reported, not silently dropped.
 */
import type { KubeObject } from '../../core/index.ts';
import { ARGO_SYNC_OPTIONS, HELM_RESOURCE_POLICY, annotationCsv } from '../object/annotations.ts';

export type PrunePropagationPolicy = 'foreground' | 'background' | 'orphan';

export interface SyncOptionSet {
  /** `Prune=false` never prunes the resource; `Prune=confirm` waits for approval. */
  prune?: boolean | 'confirm';
  /** `Delete=false` keeps the resource when the app is deleted; `Delete=confirm` waits. */
  delete?: boolean | 'confirm';
  pruneLast?: boolean;
  replace?: boolean;
  serverSideApply?: boolean;
  force?: boolean;
  validate?: boolean;
  skipDryRunOnMissingResource?: boolean;
  createNamespace?: boolean;
  applyOutOfSyncOnly?: boolean;
  failOnSharedResource?: boolean;
  respectIgnoreDifferences?: boolean;
  clientSideApplyMigration?: boolean;
  prunePropagationPolicy?: PrunePropagationPolicy;
  /** Strings that are not `Key=Value` with a known key and value. */
  unknown?: string[];
}

type Setter = (o: SyncOptionSet, value: string) => boolean;

const bool =
  (key: keyof SyncOptionSet): Setter =>
  (o, v) => {
    if (v !== 'true' && v !== 'false') return false;
    (o as Record<string, unknown>)[key] = v === 'true';
    return true;
  };

const boolOrConfirm =
  (key: 'prune' | 'delete'): Setter =>
  (o, v) => {
    if (v === 'confirm') o[key] = 'confirm';
    else if (v === 'true' || v === 'false') o[key] = v === 'true';
    else return false;
    return true;
  };

const setters: Record<string, Setter> = {
  Prune: boolOrConfirm('prune'),
  Delete: boolOrConfirm('delete'),
  PruneLast: bool('pruneLast'),
  Replace: bool('replace'),
  ServerSideApply: bool('serverSideApply'),
  Force: bool('force'),
  Validate: bool('validate'),
  SkipDryRunOnMissingResource: bool('skipDryRunOnMissingResource'),
  CreateNamespace: bool('createNamespace'),
  ApplyOutOfSyncOnly: bool('applyOutOfSyncOnly'),
  FailOnSharedResource: bool('failOnSharedResource'),
  RespectIgnoreDifferences: bool('respectIgnoreDifferences'),
  ClientSideApplyMigration: bool('clientSideApplyMigration'),
  PrunePropagationPolicy: (o, v) => {
    if (v !== 'foreground' && v !== 'background' && v !== 'orphan') return false;
    o.prunePropagationPolicy = v;
    return true;
  },
};

export function parseSyncOptions(options: readonly string[]): SyncOptionSet {
  const out: SyncOptionSet = {};
  for (const raw of options) {
    const s = raw.trim();
    if (s === '') continue;
    const eq = s.indexOf('=');
    const setter = eq > 0 ? setters[s.slice(0, eq)] : undefined;
    if (!setter?.(out, s.slice(eq + 1))) (out.unknown ??= []).push(s);
  }
  return out;
}

/** A resource's options: its annotation, plus Helm's `resource-policy: keep` as `Delete=false`. */
export function resourceSyncOptions(obj: KubeObject): SyncOptionSet {
  const out = parseSyncOptions(annotationCsv(obj.metadata.annotations, ARGO_SYNC_OPTIONS));
  if (out.delete === undefined && obj.metadata.annotations?.[HELM_RESOURCE_POLICY] === 'keep')
    out.delete = false;
  return out;
}

/** Application options overridden by the resource's own. */
export function effectiveSyncOptions(app: SyncOptionSet, resource: SyncOptionSet): SyncOptionSet {
  const out: SyncOptionSet = { ...app };
  for (const [k, v] of Object.entries(resource))
    if (v !== undefined && k !== 'unknown') (out as Record<string, unknown>)[k] = v;
  return out;
}
