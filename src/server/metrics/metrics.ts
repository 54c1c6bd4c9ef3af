/**
 * The Prometheus registry of a Capstan process, served at `/metrics`. Metric names are Argo CD's
 * and Flux's (and controller-runtime's, which Flux controllers expose), so existing dashboards
 * and alerts work unchanged. The server observes its own (HTTP requests, logins); the
 * controllers receive these handles from the composition root and observe theirs: the
 * controllers may not import the server, so they type what they get by prom-client's types.
 *
 * Each server gets its own registry (not prom-client's global one), so two servers in one
 * process, as in tests, never collide.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { KubeObject } from '../../core/index.ts';
import { setAppInfo, setFluxConditions, type AppInfoLabels } from './object-gauges.ts';

export interface MetricsOptions {
  /** `process_*` and `nodejs_*` metrics. */
  processMetrics: boolean;
  version: string;
  /** Applications for `argocd_app_info`, read at scrape time (none when undefined). */
  applications: (() => Iterable<KubeObject>) | undefined;
  /** Flux objects for `gotk_reconcile_condition`, read at scrape time (none when undefined). */
  fluxObjects: (() => Iterable<KubeObject>) | undefined;
}

export const defaultMetricsOptions: MetricsOptions = {
  processMetrics: true,
  version: '0.0.0',
  applications: undefined,
  fluxObjects: undefined,
};

export interface CapstanMetrics {
  registry: Registry;
  // Argo CD (controllers/argocd)
  /** `argocd_app_info`: 1 per Application, its state in the labels. */
  appInfo: Gauge<AppInfoLabels>;
  /** `argocd_app_reconcile`: seconds per Application reconcile. */
  appReconcile: Histogram<'namespace' | 'dest_server'>;
  /** `argocd_app_sync_total`: finished sync operations by phase (Succeeded, Failed, Error). */
  appSyncTotal: Counter<'namespace' | 'name' | 'project' | 'dest_server' | 'phase' | 'dry_run'>;
  /** `argocd_git_request_total`: git requests (`ls-remote`, `fetch`) by repo (credentials stripped). */
  gitRequestTotal: Counter<'repo' | 'request_type'>;
  /** `argocd_git_request_duration_seconds`. */
  gitRequestDuration: Histogram<'repo' | 'request_type'>;
  // Flux (controllers/flux)
  /** `gotk_reconcile_duration_seconds`: seconds per Flux object reconcile. */
  fluxReconcileDuration: Histogram<'kind' | 'name' | 'namespace'>;
  /** `gotk_reconcile_condition`: 1 for each Flux object's current condition status, 0 for the others. */
  fluxReconcileCondition: Gauge<'kind' | 'name' | 'namespace' | 'type' | 'status'>;
  // source (timed by the composition root around GitSource.fetchArtifact)
  /** `capstan_git_fetch_duration_seconds`: artifact fetches by repo (credentials stripped) and result. */
  gitFetchDuration: Histogram<'repo' | 'result'>;
  // controller runtime (both front ends)
  /** `controller_runtime_reconcile_total`: reconciles by controller and result (success, error, requeue). */
  reconcileTotal: Counter<'controller' | 'result'>;
  /** `workqueue_depth`: items waiting in each work queue. */
  workqueueDepth: Gauge<'name'>;
  // API server (this module)
  /** `argocd_login_request_total`: logins by status (success, failure). */
  loginRequestTotal: Counter<'status'>;
  /** `capstan_http_requests_total`: API requests by method, route pattern and status. */
  httpRequestsTotal: Counter<'method' | 'route' | 'status'>;
}

export function createMetrics(options: Partial<MetricsOptions> = {}): CapstanMetrics {
  const o = { ...defaultMetricsOptions, ...options };
  const registry = new Registry();
  if (o.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({
    name: 'argocd_info',
    help: 'Capstan version, as Argo CD reports its own.',
    labelNames: ['version'],
    registers,
  }).set({ version: o.version }, 1);
  return {
    registry,
    appInfo: new Gauge({
      name: 'argocd_app_info',
      help: 'Information about application.',
      collect() {
        this.reset();
        if (o.applications) setAppInfo(this, o.applications());
      },
      labelNames: [
        'namespace',
        'name',
        'project',
        'autosync_enabled',
        'repo',
        'dest_server',
        'dest_namespace',
        'sync_status',
        'health_status',
        'operation',
      ],
      registers,
    }),
    appReconcile: new Histogram({
      name: 'argocd_app_reconcile',
      help: 'Application reconciliation performance in seconds.',
      labelNames: ['namespace', 'dest_server'],
      buckets: [0.25, 0.5, 1, 2, 4, 8, 16],
      registers,
    }),
    appSyncTotal: new Counter({
      name: 'argocd_app_sync_total',
      help: 'Number of application syncs.',
      labelNames: ['namespace', 'name', 'project', 'dest_server', 'phase', 'dry_run'],
      registers,
    }),
    gitRequestTotal: new Counter({
      name: 'argocd_git_request_total',
      help: 'Number of git requests performed.',
      labelNames: ['repo', 'request_type'],
      registers,
    }),
    gitRequestDuration: new Histogram({
      name: 'argocd_git_request_duration_seconds',
      help: 'Git requests duration seconds.',
      labelNames: ['repo', 'request_type'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 10, 20],
      registers,
    }),
    fluxReconcileDuration: new Histogram({
      name: 'gotk_reconcile_duration_seconds',
      help: 'The duration in seconds of a GitOps Toolkit resource reconciliation.',
      labelNames: ['kind', 'name', 'namespace'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    fluxReconcileCondition: new Gauge({
      name: 'gotk_reconcile_condition',
      help: 'The current condition status of a GitOps Toolkit resource reconciliation.',
      labelNames: ['kind', 'name', 'namespace', 'type', 'status'],
      registers,
      collect() {
        this.reset();
        if (o.fluxObjects) setFluxConditions(this, o.fluxObjects());
      },
    }),
    gitFetchDuration: new Histogram({
      name: 'capstan_git_fetch_duration_seconds',
      help: 'Duration of artifact fetches from git repositories, in seconds.',
      labelNames: ['repo', 'result'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    reconcileTotal: new Counter({
      name: 'controller_runtime_reconcile_total',
      help: 'Total number of reconciliations per controller.',
      labelNames: ['controller', 'result'],
      registers,
    }),
    workqueueDepth: new Gauge({
      name: 'workqueue_depth',
      help: 'Current depth of workqueue.',
      labelNames: ['name'],
      registers,
    }),
    loginRequestTotal: new Counter({
      name: 'argocd_login_request_total',
      help: 'Number of login requests to the API server.',
      labelNames: ['status'],
      registers,
    }),
    httpRequestsTotal: new Counter({
      name: 'capstan_http_requests_total',
      help: 'API requests by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
  };
}
