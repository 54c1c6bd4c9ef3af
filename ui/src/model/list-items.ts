// The applications page shows Argo Applications and Flux Kustomizations in one list. Each becomes
// a ListItem with what a tile or row needs; sorting is by name, then namespace, as the server sorts.
import type { Application, HealthStatus, Kustomization, SyncStatus } from '../api/types.ts';
import { fluxHealth, fluxStatusLabel } from './health.ts';

interface Common {
  key: string;
  name: string;
  namespace: string;
  health: HealthStatus;
  healthMessage?: string | undefined;
  revision?: string | undefined;
  source: string;
  destination: string;
  labels: Record<string, string>;
}

export type ListItem =
  | (Common & {
      kind: 'Application';
      sync: SyncStatus;
      project: string;
      operationPhase?: string | undefined;
      autoSync: boolean;
      app: Application;
    })
  | (Common & { kind: 'Kustomization'; fluxStatus: string; suspended: boolean; ks: Kustomization });

export function appItem(app: Application): ListItem {
  const source = app.spec.source ?? app.spec.sources?.[0];
  const dest = app.spec.destination;
  return {
    kind: 'Application',
    key: `Application/${app.metadata.namespace ?? ''}/${app.metadata.name}`,
    name: app.metadata.name,
    namespace: app.metadata.namespace ?? '',
    health: app.status?.health?.status ?? 'Unknown',
    healthMessage: app.status?.health?.message,
    sync: app.status?.sync?.status ?? 'Unknown',
    revision: app.status?.sync?.revision,
    project: app.spec.project || 'default',
    operationPhase: app.status?.operationState?.phase,
    autoSync: !!app.spec.syncPolicy?.automated && app.spec.syncPolicy.automated.enabled !== false,
    source: source ? [source.repoURL, source.path ?? source.chart].filter(Boolean).join(' · ') : '',
    destination: `${dest.name ?? dest.server ?? ''}${dest.namespace ? ` / ${dest.namespace}` : ''}`,
    labels: app.metadata.labels ?? {},
    app,
  };
}

export function kustomizationItem(ks: Kustomization): ListItem {
  const ref = ks.spec.sourceRef;
  return {
    kind: 'Kustomization',
    key: `Kustomization/${ks.metadata.namespace ?? ''}/${ks.metadata.name}`,
    name: ks.metadata.name,
    namespace: ks.metadata.namespace ?? '',
    health: fluxHealth(ks),
    healthMessage: ks.status?.conditions?.find((c) => c.type === 'Ready')?.message,
    fluxStatus: fluxStatusLabel(ks),
    suspended: !!ks.spec.suspend,
    revision: ks.status?.lastAppliedRevision,
    source: `${ref.kind}/${ref.namespace ?? ks.metadata.namespace ?? ''}/${ref.name}${ks.spec.path ? ` · ${ks.spec.path}` : ''}`,
    destination: ks.spec.targetNamespace ?? '',
    labels: ks.metadata.labels ?? {},
    ks,
  };
}

export function compareItems(a: ListItem, b: ListItem): number {
  return (
    a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind)
  );
}
