/**
 * The controllers' `MetricsSink` over this registry: what the Argo CD and Flux front ends
 * report becomes Argo CD's, Flux's and client-go's series.
 */
import type { MetricsSink } from '../../controllers/index.ts';
import type { CapstanMetrics } from './metrics.ts';

export function metricsSink(metrics: CapstanMetrics): MetricsSink {
  return {
    reconciled: (e) =>
      metrics.fluxReconcileDuration.observe(
        { kind: e.kind, name: e.name, namespace: e.namespace },
        e.seconds,
      ),
    reconcileFinished: (controller, outcome) => {
      // controller-runtime's results; an aborted reconcile (shutdown) is no result at all.
      if (outcome === 'aborted') return;
      const result = outcome === 'terminal' ? 'error' : outcome;
      metrics.reconcileTotal.inc({ controller, result });
    },
    appReconciled: (e) =>
      metrics.appReconcile.observe({ namespace: e.namespace, dest_server: e.destServer }, e.seconds),
    appSyncFinished: (e) =>
      metrics.appSyncTotal.inc({
        namespace: e.namespace,
        name: e.name,
        project: e.project,
        dest_server: e.destServer,
        phase: e.phase,
        dry_run: String(e.dryRun),
      }),
    queueDepth: (controller, depth) => metrics.workqueueDepth.set({ name: controller }, depth),
    gitFetched: (e) => metrics.gitFetchDuration.observe({ repo: e.repo, result: e.result }, e.seconds),
  };
}
