/**
 * What the server reads Kubernetes objects through, as structural interfaces so that the server
 * depends on neither the engine nor the controllers: the composition root passes engine's
 * ClusterCache (a watch cache: list and get from memory, change notifications) and the
 * controllers' query objects.
 */
import type { KubeObject } from '../core/index.ts';
import type { KubeClient } from '../kube/index.ts';

export interface ObjectKeyRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface ObjectChange {
  type: 'added' | 'modified' | 'deleted';
  object: KubeObject;
}

export interface ObjectCache {
  get(key: ObjectKeyRef): KubeObject | undefined;
  /** `groupKind` is `group/Kind` (`argoproj.io/Application`), or `Kind` for the core group. */
  list(filter?: { groupKind?: string; namespace?: string }): KubeObject[];
  subscribe(filter: Record<string, never>, listener: (change: ObjectChange) => void): () => void;
}

export interface ClusterView {
  client: KubeClient;
  cache: ObjectCache;
}

/** The Argo CD controller's read-only queries (CONTRACT: `RunningArgoCd`). */
export interface ArgoQueries {
  resourceTree(namespace: string, name: string): Promise<unknown>;
  managedResources(namespace: string, name: string): Promise<readonly unknown[]>;
  revisionMetadata(namespace: string, name: string, revision: string): Promise<unknown>;
}
