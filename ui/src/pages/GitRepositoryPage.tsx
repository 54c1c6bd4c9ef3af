// One Flux GitRepository: Ready status and conditions, where it points, the artifact it last
// stored, the Kustomizations built from it, events, and Flux's verbs; live over the Flux stream.
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { listFlux, type GitRepository, type Kustomization } from '../api/index.ts';
import { ConditionsTable } from '../components/ConditionsTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { FluxActions } from '../components/FluxActions.tsx';
import { FluxBadge } from '../components/FluxBadge.tsx';
import { FluxEvents } from '../components/FluxEvents.tsx';
import { LiveIndicator } from '../components/LiveIndicator.tsx';
import { Revision } from '../components/Revision.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { TimeAgo } from '../components/TimeAgo.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useFluxObject } from '../hooks/useFluxObject.ts';
import { findCondition, fluxHealth, fluxStatusLabel } from '../model/health.ts';
import { gitRefText } from '../model/git-ref.ts';
import { kustomizationPath } from '../model/paths.ts';
import '../styles/app-page.css';

type Tab = 'users' | 'events';

export default function GitRepositoryPage() {
  const params = useParams<{ namespace: string; name: string }>();
  const repo = useFluxObject<GitRepository>('gitrepositories', {
    namespace: params.namespace,
    name: params.name,
  });
  const [tab, setTab] = useState<Tab>('users');
  const title = `${params.namespace}/${params.name}`;

  if (repo.deleted) return <EmptyState title={`GitRepository ${title} was deleted`} />;
  if (!repo.data) {
    if (repo.state === 'failed')
      return <ErrorBox title={`GitRepository ${title} cannot be shown`} error={repo.error} />;
    return <Spinner label="Loading the GitRepository" />;
  }
  const r = repo.data;
  const ready = findCondition(r.status?.conditions, 'Ready');
  const artifact = r.status?.artifact;
  return (
    <div className="page app-page" data-testid="gitrepository-page" data-name={r.metadata.name}>
      <div className="page-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/flux/sources">Sources</Link> /
        </nav>
        <h1>
          <span className="kind-marker kind-flux">GIT</span> {r.metadata.name}
        </h1>
        <LiveIndicator state={repo.state} error={repo.error} />
        <FluxActions resource="gitrepositories" obj={r} />
      </div>
      <section className="status-panel" aria-label="Status">
        <div className="status-card">
          <h2>Status</h2>
          <FluxBadge health={fluxHealth(r)} label={fluxStatusLabel(r)} message={ready?.message} />
          {ready?.message && <p className="status-message">{ready.message}</p>}
        </div>
        <div className="status-card">
          <h2>Artifact</h2>
          <Revision revision={artifact?.revision} />
          <p className="muted">
            stored <TimeAgo time={artifact?.lastUpdateTime} />
            {artifact?.size !== undefined ? ` · ${artifact.size} bytes` : ''}
          </p>
        </div>
        <div className="status-card">
          <h2>Repository</h2>
          <p className="mono cell-clip" title={r.spec.url} data-testid="source-url">
            {r.spec.url}
          </p>
          <p className="muted">
            {gitRefText(r.spec.ref)} · every {r.spec.interval}
            {r.spec.secretRef ? ` · credentials from Secret ${r.spec.secretRef.name}` : ''}
          </p>
        </div>
        <div className="status-wide">
          <ConditionsTable conditions={r.status?.conditions ?? []} caption="Conditions" />
        </div>
      </section>
      <Tabs
        tabs={[
          { id: 'users', label: 'Kustomizations' },
          { id: 'events', label: 'Events' },
        ]}
        active={tab}
        onChange={setTab}
        label="GitRepository views"
        idPrefix="source"
      />
      <section id="source-panel" role="tabpanel" aria-labelledby={`source-tab-${tab}`} className="tab-panel">
        {tab === 'users' && <SourceUsers repo={r} />}
        {tab === 'events' && <FluxEvents resource="gitrepositories" obj={r} />}
      </section>
    </div>
  );
}

/** The Kustomizations whose sourceRef names this repository (Flux defaults its namespace to theirs). */
function SourceUsers({ repo }: { repo: GitRepository }) {
  const ns = repo.metadata.namespace ?? '';
  const users = useAsync(`users/${ns}/${repo.metadata.name}`, (signal) =>
    listFlux<Kustomization>('kustomizations', {}, signal),
  );
  if (users.error !== undefined && !users.data)
    return <ErrorBox title="The Kustomizations cannot be loaded" error={users.error} />;
  if (!users.data) return <Spinner label="Loading Kustomizations" />;
  const mine = (users.data.items ?? []).filter(
    (k) =>
      k.spec.sourceRef.kind === 'GitRepository' &&
      k.spec.sourceRef.name === repo.metadata.name &&
      (k.spec.sourceRef.namespace ?? k.metadata.namespace) === ns,
  );
  if (mine.length === 0) return <EmptyState title="No Kustomization uses this repository" />;
  return (
    <ul className="plain-list" data-testid="source-users">
      {mine.map((k) => (
        <li key={`${k.metadata.namespace ?? ''}/${k.metadata.name}`}>
          <Link href={kustomizationPath(k.metadata.namespace ?? '', k.metadata.name)}>
            {k.metadata.namespace}/{k.metadata.name}
          </Link>{' '}
          <FluxBadge health={fluxHealth(k)} label={fluxStatusLabel(k)} />
        </li>
      ))}
    </ul>
  );
}
