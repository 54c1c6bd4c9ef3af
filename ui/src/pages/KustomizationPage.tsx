// One Flux Kustomization: Ready status and its conditions, what it last applied (inventory and
// tree), events, and Flux's verbs (reconcile, suspend, resume); live over the Flux stream.
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import type { Kustomization } from '../api/index.ts';
import { ConditionsTable } from '../components/ConditionsTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { FluxActions } from '../components/FluxActions.tsx';
import { FluxBadge } from '../components/FluxBadge.tsx';
import { FluxEvents } from '../components/FluxEvents.tsx';
import { InventoryTable } from '../components/InventoryTable.tsx';
import { KindMarker } from '../components/KindMarker.tsx';
import { KustomizationTree } from '../components/KustomizationTree.tsx';
import { LiveIndicator } from '../components/LiveIndicator.tsx';
import { Revision } from '../components/Revision.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { TimeAgo } from '../components/TimeAgo.tsx';
import { useFluxObject } from '../hooks/useFluxObject.ts';
import { findCondition, fluxHealth, fluxStatusLabel } from '../model/health.ts';
import { gitRepositoryPath } from '../model/paths.ts';
import '../styles/app-page.css';

type Tab = 'inventory' | 'events';

export default function KustomizationPage() {
  const params = useParams<{ namespace: string; name: string }>();
  const ks = useFluxObject<Kustomization>('kustomizations', {
    namespace: params.namespace,
    name: params.name,
  });
  const [tab, setTab] = useState<Tab>('inventory');
  const title = `${params.namespace}/${params.name}`;

  if (ks.deleted) return <EmptyState title={`Kustomization ${title} was deleted`} />;
  if (!ks.data) {
    if (ks.state === 'failed')
      return <ErrorBox title={`Kustomization ${title} cannot be shown`} error={ks.error} />;
    return <Spinner label="Loading the Kustomization" />;
  }
  const k = ks.data;
  const ready = findCondition(k.status?.conditions, 'Ready');
  const ref = k.spec.sourceRef;
  return (
    <div className="page app-page" data-testid="kustomization-page" data-name={k.metadata.name}>
      <div className="page-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/applications?kind=flux">Applications</Link> /
        </nav>
        <h1>
          <KindMarker kind="Kustomization" /> {k.metadata.name}
        </h1>
        <LiveIndicator state={ks.state} error={ks.error} />
        <FluxActions resource="kustomizations" obj={k} />
      </div>
      <section className="status-panel" aria-label="Status">
        <div className="status-card">
          <h2>Status</h2>
          <FluxBadge health={fluxHealth(k)} label={fluxStatusLabel(k)} message={ready?.message} />
          {ready?.message && <p className="status-message">{ready.message}</p>}
        </div>
        <div className="status-card">
          <h2>Last applied revision</h2>
          <Revision revision={k.status?.lastAppliedRevision} />
          {k.status?.lastAttemptedRevision &&
            k.status.lastAttemptedRevision !== k.status.lastAppliedRevision && (
              <p className="status-message">
                attempted <Revision revision={k.status.lastAttemptedRevision} />
              </p>
            )}
          <p className="muted">
            last reconcile request handled <TimeAgo time={k.status?.lastHandledReconcileAt} />
          </p>
        </div>
        <div className="status-card">
          <h2>Source</h2>
          <p>
            <Link
              href={
                ref.kind === 'GitRepository'
                  ? gitRepositoryPath(ref.namespace ?? k.metadata.namespace ?? '', ref.name)
                  : '/flux/sources'
              }
              className="mono"
              data-testid="source-link"
            >
              {ref.kind}/{ref.namespace ?? k.metadata.namespace}/{ref.name}
            </Link>
          </p>
          <p className="muted">
            path {k.spec.path ?? './'} · every {k.spec.interval} · prune {k.spec.prune ? 'on' : 'off'}
            {k.spec.targetNamespace ? ` · into ${k.spec.targetNamespace}` : ''}
          </p>
        </div>
        <div className="status-wide">
          <ConditionsTable conditions={k.status?.conditions ?? []} caption="Conditions" />
        </div>
      </section>
      <Tabs
        tabs={[
          { id: 'inventory', label: 'Inventory' },
          { id: 'events', label: 'Events' },
        ]}
        active={tab}
        onChange={setTab}
        label="Kustomization views"
        idPrefix="ks"
      />
      <section id="ks-panel" role="tabpanel" aria-labelledby={`ks-tab-${tab}`} className="tab-panel">
        {tab === 'inventory' && (
          <>
            <KustomizationTree ks={k} />
            <InventoryTable ks={k} />
          </>
        )}
        {tab === 'events' && <FluxEvents resource="kustomizations" obj={k} />}
      </section>
    </div>
  );
}
