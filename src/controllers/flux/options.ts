import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type Logger } from '../../core/index.ts';
import type { ClusterCache } from '../../engine/index.ts';
import type { KubeClient } from '../../kube/index.ts';
import type { GitSource } from '../../source/index.ts';
import { discardMetrics, type MetricsSink } from '../index.ts';

export interface FluxControllersOptions {
  /** Stops the controllers (as `close()` does). */
  signal: AbortSignal;
  client: KubeClient;
  /** Shared cluster cache with the `flux` tracker (`fluxTracker()`). */
  cache: ClusterCache;
  sources: GitSource;
  logger: Logger;
  /** Where `status.artifact.url` points: Capstan's API serves `<base>/<path>` (see `artifactFile`). */
  artifactBaseUrl: string;
  /** Workers per controller (Flux: kustomize-controller 4, source-controller 2). */
  kustomizationConcurrency: number;
  gitRepositoryConcurrency: number;
  /** `--requeue-dependency`: how often dependencies and missing artifacts are rechecked. */
  dependencyRequeueMs: number;
  /** Kustomization health-check polling (Flux: 5 s) and the staged apply's class waits (2 s). */
  healthPollMs: number;
  /** Artifacts are unpacked here for builds (one tree per artifact, shared by Kustomizations). */
  workDir: string;
  /** ±jitter on intervals, percent (`--interval-jitter-percentage`). */
  jitterPercent: number;
  /** Reconcile durations and queue depths, for `/metrics`. */
  metrics: MetricsSink;
}

export const defaultFluxControllersOptions: Omit<
  FluxControllersOptions,
  'signal' | 'client' | 'cache' | 'sources'
> = {
  logger: silentLogger,
  artifactBaseUrl: 'http://localhost:9090/artifacts',
  kustomizationConcurrency: 4,
  gitRepositoryConcurrency: 2,
  dependencyRequeueMs: 30_000,
  healthPollMs: 2000,
  workDir: join(tmpdir(), `capstan-flux-${process.pid}`),
  jitterPercent: 5,
  metrics: discardMetrics,
};
