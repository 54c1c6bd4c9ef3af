/** Starts the Argo CD and Flux controllers over the shared client, cache and git source. */
import { join } from 'node:path';
import type { Logger } from '../../core/index.ts';
import type { MetricsSink } from '../../controllers/index.ts';
import { startArgoCdControllers } from '../../controllers/argocd/index.ts';
import { startFluxControllers } from '../../controllers/flux/index.ts';
import type { ClusterCache } from '../../engine/index.ts';
import type { KubeClient } from '../../kube/index.ts';
import type { ArgoQueries } from '../../server/index.ts';
import type { GitSource } from '../../source/index.ts';

export interface RunningControllers {
  /** Queries the API server answers from (resource trees, managed resources, revision metadata). */
  argocd: ArgoQueries | undefined;
  /** The stored artifact for a URL path under `/artifacts/`. */
  artifactFile: (urlPath: string) => string | undefined;
  close(): Promise<void>;
}

export async function startControllers(input: {
  signal: AbortSignal;
  client: KubeClient;
  cache: ClusterCache;
  sources: GitSource;
  argoNamespace: string;
  artifactBaseUrl: string;
  clusterServerUrl: string;
  /** Scratch space (unpacked artifacts). */
  workDir: string;
  logger: Logger;
  metrics: MetricsSink;
}): Promise<RunningControllers> {
  const flux = await startFluxControllers({
    signal: input.signal,
    client: input.client,
    cache: input.cache,
    sources: input.sources,
    artifactBaseUrl: input.artifactBaseUrl,
    workDir: join(input.workDir, 'flux'),
    logger: input.logger.child({ component: 'flux' }),
    metrics: input.metrics,
  });
  let argocd;
  try {
    argocd = await startArgoCdControllers({
      signal: input.signal,
      client: input.client,
      cache: input.cache,
      sources: input.sources,
      namespace: input.argoNamespace,
      clusterServerUrl: input.clusterServerUrl,
      workDir: join(input.workDir, 'argocd'),
      installCrds: false,
      logger: input.logger.child({ component: 'argocd' }),
      metrics: input.metrics,
    });
  } catch (err) {
    await flux.close();
    throw err;
  }
  const argo = argocd;
  return {
    argocd: argo,
    artifactFile: (path) => flux.artifactFile(path),
    close: async () => {
      await Promise.all([argo.close(), flux.close()]);
    },
  };
}
