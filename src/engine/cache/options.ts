import { silentLogger, type Logger } from '../../core/index.ts';
import type { KubeClient } from '../../kube/index.ts';
import type { Tracker } from '../tracking/tracker.ts';

/** Kinds are named `group/Kind`, or `Kind` for the core group (`apps/Deployment`, `Pod`). */
export interface ClusterCacheOptions {
  client: KubeClient;
  /** The cache's lifetime: every watch stops when it fires. */
  signal: AbortSignal;
  /**
   * `all`: every kind the server can list and watch (what Argo CD caches, so objects of kinds an
   * application no longer renders are still found for pruning); or the kinds listed. The kinds of
   * `children` and CustomResourceDefinitions are always watched.
   */
  kinds: 'all' | readonly string[];
  /** Kinds never cached, even with `all`. */
  exclude: readonly string[];
  /** Kinds watched for resource trees (children found through ownerReferences). */
  children: readonly string[];
  /** Only these namespaces (cluster-scoped kinds are always watched whole); all when undefined. */
  namespaces: readonly string[] | undefined;
  /** Tracking conventions to index objects by, by name (`{ argocd: argoTracker(), flux: fluxTracker() }`). */
  trackers: Readonly<Record<string, Tracker>>;
  /** Page size of lists. */
  pageSize: number;
  /**
   * Watches end after this long (plus up to a fifth more, so they do not reconnect together) with
   * a bookmark carrying the current resourceVersion. Kept under client-node's 30 s inactivity
   * limit: a quiet kind would otherwise resume from its last list's version, which a busy cluster
   * may have forgotten meanwhile (410, a full relist).
   */
  watchTimeoutSeconds: number;
  /** First delay after a failed watch or list; doubles up to `retryMaxMs`. */
  retryInitialMs: number;
  retryMaxMs: number;
  logger: Logger;
}

export const defaultClusterCacheOptions: Omit<ClusterCacheOptions, 'client' | 'signal'> = {
  kinds: 'all',
  // Argo CD's default exclusions that matter here: events churn and mean nothing to a sync.
  exclude: ['Event', 'events.k8s.io/Event', 'coordination.k8s.io/Lease'],
  children: [
    'apps/ReplicaSet',
    'Pod',
    'Endpoints',
    'discovery.k8s.io/EndpointSlice',
    'apps/ControllerRevision',
    'batch/Job',
  ],
  namespaces: undefined,
  trackers: {},
  pageSize: 500,
  watchTimeoutSeconds: 20,
  retryInitialMs: 500,
  retryMaxMs: 30_000,
  logger: silentLogger,
};
