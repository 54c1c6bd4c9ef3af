/**
 * Read-only queries the API server answers from the controller: the resource tree, the managed
 * resources with their states (Argo CD's `ManagedResourcesResponse`, objects as JSON strings,
 * Secrets masked) and a revision's commit metadata.
 */
import { parseApiVersion, type KubeObject } from '../../core/index.ts';
import { buildTree, type ApplicationTree, type Tracker } from '../../engine/index.ts';
import { maskSecretData, type KubeClient } from '../../kube/index.ts';
import type { GitAuth, GitSource } from '../../source/index.ts';
import type { Application } from './api/application.ts';
import { applicationSources } from './api/application-defaults.ts';
import type { AppReconciler } from './app-reconciler.ts';
import type { ClusterRegistry } from './clusters.ts';

export interface ManagedResource {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  liveState?: string;
  targetState?: string;
  diff?: string;
  normalizedLiveState?: string;
  predictedLiveState?: string;
  modified?: boolean;
  resourceVersion?: string;
}

export interface RevisionMetadata {
  author: string;
  date: string;
  message: string;
  tags?: string[];
}

export interface ArgoCdQueries {
  resourceTree(namespace: string, name: string): Promise<ApplicationTree | undefined>;
  managedResources(namespace: string, name: string): Promise<ManagedResource[]>;
  revisionMetadata(namespace: string, name: string, revision: string): Promise<RevisionMetadata | undefined>;
}

const json = (obj: KubeObject | undefined) => (obj === undefined ? undefined : JSON.stringify(obj));

export function createQueries(deps: {
  client: KubeClient;
  sources: GitSource;
  clusters: ClusterRegistry;
  reconciler: AppReconciler;
  tracker: Tracker;
  authFor: (url: string) => Promise<GitAuth | undefined>;
  /** Compare when no reconcile has (a read-only process runs none). */
  compareOnDemand: boolean;
  signal: AbortSignal;
}): ArgoCdQueries {
  const getApp = async (namespace: string, name: string) =>
    (await deps.client.get(
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace, name },
      { signal: AbortSignal.timeout(30_000) },
    )) as Application | undefined;

  return {
    async resourceTree(namespace, name) {
      const app = await getApp(namespace, name);
      if (!app) return undefined;
      const cluster = await deps.clusters.resolve(app.spec.destination);
      const live = cluster.cache.owned({ tracker: 'argocd', owner: deps.reconciler.instanceOf(app) });
      return buildTree(cluster.cache, live);
    },

    async managedResources(namespace, name) {
      const app = await getApp(namespace, name);
      if (!app) return [];
      const comparison = deps.compareOnDemand
        ? await deps.reconciler.compareOnly(app, AbortSignal.any([deps.signal, AbortSignal.timeout(120_000)]))
        : deps.reconciler.memory(namespace, name).comparison;
      if (!comparison) return [];
      const out: ManagedResource[] = [];
      for (let i = 0; i < comparison.pairs.length; i++) {
        const { target, live } = comparison.pairs[i]!;
        const diff = comparison.diffs[i];
        const obj = (target ?? live)!;
        // One masking pass over all four states, so a value masks the same way in each.
        const [t, l, nl, pl] = maskSecretData([target, live, diff?.normalizedLive, diff?.normalizedDesired]);
        out.push({
          group: parseApiVersion(obj.apiVersion).group,
          kind: obj.kind,
          namespace: obj.metadata.namespace ?? '',
          name: obj.metadata.name ?? '',
          ...(t && { targetState: json(t) }),
          ...(l && { liveState: json(l) }),
          ...(nl && { normalizedLiveState: json(nl) }),
          ...(pl && { predictedLiveState: json(pl) }),
          modified: diff?.status !== 'Synced',
          ...(live?.metadata.resourceVersion && { resourceVersion: live.metadata.resourceVersion }),
        });
      }
      return out;
    },

    async revisionMetadata(namespace, name, revision) {
      const app = await getApp(namespace, name);
      if (!app) return undefined;
      const source = applicationSources(app.spec)[0];
      if (!source) return undefined;
      const [commit] = await deps.sources.history({
        url: source.repoURL,
        ref: { api: 'argo', targetRevision: revision },
        auth: await deps.authFor(source.repoURL),
        limit: 1,
        signal: AbortSignal.timeout(60_000),
      });
      if (!commit) return undefined;
      return {
        author: `${commit.author.name} <${commit.author.email}>`,
        date: commit.author.date,
        message: commit.message,
      };
    },
  };
}
