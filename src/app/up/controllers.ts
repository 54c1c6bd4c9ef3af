/**
 * Starts the Argo CD and Flux controllers over the shared client, cache and git source. Until
 * the controllers' entry points land (branches `argocd`, `flux`) nothing runs here, so the demo's
 * objects are created but not reconciled.
 */
import type { Logger } from '../../core/index.ts';
import type { ClusterCache } from '../../engine/index.ts';
import type { KubeClient } from '../../kube/index.ts';
import type { GitSource } from '../../source/index.ts';
import type { ArgoQueries } from '../../server/index.ts';

export interface RunningControllers {
  /** Queries the API server answers from (resource trees, managed resources, revision metadata). */
  argocd: ArgoQueries | undefined;
  /** The stored artifact for a URL path under `/artifacts/`. */
  artifactFile: (urlPath: string) => string | undefined;
  close(): Promise<void>;
}

export function startControllers(input: {
  signal: AbortSignal;
  client: KubeClient;
  cache: ClusterCache;
  sources: GitSource;
  argoNamespace: string;
  artifactBaseUrl: string;
  clusterServerUrl: string;
  logger: Logger;
}): Promise<RunningControllers> {
  void input;
  return Promise.resolve({
    argocd: undefined,
    artifactFile: () => undefined,
    close: () => Promise.resolve(),
  });
}
