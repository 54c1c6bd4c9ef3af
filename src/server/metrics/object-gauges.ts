/**
 * Gauges read from the objects themselves at scrape time, so they always match what the cluster
 * holds (a deleted Application or Kustomization disappears from `/metrics` with it).
 */
import type { Gauge } from 'prom-client';
import { stripUrlCredentials, type KubeObject } from '../../core/index.ts';

interface AppShape {
  spec?: {
    project?: string;
    source?: { repoURL?: string };
    sources?: { repoURL?: string }[];
    destination?: { server?: string; name?: string; namespace?: string };
    syncPolicy?: { automated?: { enabled?: boolean } };
  };
  status?: { sync?: { status?: string }; health?: { status?: string } };
  operation?: { sync?: unknown };
}

/** The labels of `argocd_app_info`, as Argo CD's. */
export type AppInfoLabels =
  | 'namespace'
  | 'name'
  | 'project'
  | 'autosync_enabled'
  | 'repo'
  | 'dest_server'
  | 'dest_namespace'
  | 'sync_status'
  | 'health_status'
  | 'operation';

/** `argocd_app_info`: one series per Application, its state in the labels, as Argo CD's. */
export function setAppInfo(gauge: Gauge<AppInfoLabels>, apps: Iterable<KubeObject>): void {
  for (const obj of apps) {
    const app = obj as KubeObject & AppShape;
    const spec = app.spec ?? {};
    const automated = spec.syncPolicy?.automated;
    gauge.set(
      {
        namespace: app.metadata.namespace ?? '',
        name: app.metadata.name ?? '',
        project: spec.project || 'default',
        autosync_enabled: String(automated !== undefined && automated.enabled !== false),
        repo: stripUrlCredentials(spec.source?.repoURL ?? spec.sources?.[0]?.repoURL ?? ''),
        dest_server: spec.destination?.server ?? spec.destination?.name ?? '',
        dest_namespace: spec.destination?.namespace ?? '',
        sync_status: app.status?.sync?.status ?? 'Unknown',
        health_status: app.status?.health?.status ?? 'Unknown',
        operation: app.operation?.sync ? 'sync' : '',
      },
      1,
    );
  }
}

const CONDITION_STATUSES = ['True', 'False', 'Unknown'] as const;
// The conditions Flux's controllers record (`RecordReadiness` and kstatus' Reconciling/Stalled).
const RECORDED_TYPES = new Set(['Ready', 'Reconciling', 'Stalled']);

/** `gotk_reconcile_condition`: 1 on the current status of each condition, 0 on the others. */
export function setFluxConditions(
  gauge: Gauge<'kind' | 'name' | 'namespace' | 'type' | 'status'>,
  objects: Iterable<KubeObject>,
): void {
  for (const obj of objects) {
    const conditions = (obj['status'] as { conditions?: { type?: string; status?: string }[] } | undefined)
      ?.conditions;
    for (const c of conditions ?? []) {
      if (!c.type || !RECORDED_TYPES.has(c.type)) continue;
      for (const status of CONDITION_STATUSES) {
        const labels = {
          kind: obj.kind,
          name: obj.metadata.name ?? '',
          namespace: obj.metadata.namespace ?? '',
          type: c.type,
          status,
        };
        gauge.set(labels, c.status === status ? 1 : 0);
      }
    }
  }
}
