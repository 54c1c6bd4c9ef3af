/**
 * What the controllers report for Prometheus, without knowing Prometheus: the composition root
 * passes an implementation (the server's, over prom-client) into both front ends. Metric names
 * are chosen by the implementation; the comments name the ones Argo CD and Flux use.
 */
import type { ReconcileOutcome } from './controller.ts';

export interface MetricsSink {
  /** One reconcile of `kind` `namespace/name` took `seconds` (`gotk_reconcile_duration_seconds`). */
  reconciled(event: { kind: string; namespace: string; name: string; seconds: number }): void;
  /** A reconcile by `controller` ended with `outcome` (`controller_runtime_reconcile_total`). */
  reconcileFinished(controller: string, outcome: ReconcileOutcome): void;
  /** One Application reconcile took `seconds` (`argocd_app_reconcile`). */
  appReconciled(event: { namespace: string; destServer: string; seconds: number }): void;
  /** A sync operation finished in `phase` (`argocd_app_sync_total`). */
  appSyncFinished(event: {
    namespace: string;
    name: string;
    project: string;
    destServer: string;
    phase: string;
    dryRun: boolean;
  }): void;
  /** Items waiting in the work queue of `controller` (`workqueue_depth`). */
  queueDepth(controller: string, depth: number): void;
  /** One artifact fetch of `repo` (credentials already stripped) took `seconds`. */
  gitFetched(event: { repo: string; result: 'success' | 'error'; seconds: number }): void;
}

/** The default: nothing is recorded. */
export const discardMetrics: MetricsSink = {
  reconciled: () => undefined,
  reconcileFinished: () => undefined,
  appReconciled: () => undefined,
  appSyncFinished: () => undefined,
  queueDepth: () => undefined,
  gitFetched: () => undefined,
};
