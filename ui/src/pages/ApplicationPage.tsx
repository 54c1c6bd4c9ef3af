// One Argo Application: status at the top, then the resource tree, the diff of everything
// OutOfSync, history with rollback, and events; all live over the streams.
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { AppActions } from '../components/AppActions.tsx';
import { AppStatusPanel } from '../components/AppStatusPanel.tsx';
import { AppDiffPanel } from '../components/AppDiffPanel.tsx';
import { AppEventsPanel } from '../components/AppEventsPanel.tsx';
import { AppTreePanel } from '../components/AppTreePanel.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { HistoryPanel } from '../components/HistoryPanel.tsx';
import { KindMarker } from '../components/KindMarker.tsx';
import { LiveIndicator } from '../components/LiveIndicator.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { useApplication } from '../hooks/useApplication.ts';
import '../styles/app-page.css';

type Tab = 'tree' | 'diff' | 'history' | 'events';

export default function ApplicationPage() {
  const params = useParams<{ namespace: string; name: string }>();
  const key = { name: params.name, appNamespace: params.namespace };
  const app = useApplication(key);
  const [tab, setTab] = useState<Tab>('tree');

  if (app.deleted) {
    return (
      <EmptyState title={`Application ${params.namespace}/${params.name} was deleted`}>
        <Link href="/applications">Back to the applications</Link>
      </EmptyState>
    );
  }
  if (!app.data) {
    if (app.state === 'failed')
      return (
        <ErrorBox
          title={`Application ${params.namespace}/${params.name} cannot be shown`}
          error={app.error}
        />
      );
    return <Spinner label="Loading the application" />;
  }
  const a = app.data;
  const outOfSync = (a.status?.resources ?? []).filter((r) => r.status === 'OutOfSync').length;
  const tabs = [
    { id: 'tree' as const, label: 'Resources' },
    { id: 'diff' as const, label: outOfSync > 0 ? `Diff (${outOfSync})` : 'Diff' },
    { id: 'history' as const, label: 'History' },
    { id: 'events' as const, label: 'Events' },
  ];
  return (
    <div className="page app-page" data-testid="application-page" data-name={a.metadata.name}>
      <div className="page-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/applications">Applications</Link> /
        </nav>
        <h1>
          <KindMarker kind="Application" /> {a.metadata.name}
        </h1>
        <LiveIndicator state={app.state} error={app.error} />
        <AppActions app={a} />
      </div>
      <AppStatusPanel app={a} />
      <Tabs tabs={tabs} active={tab} onChange={setTab} label="Application views" idPrefix="app" />
      <section id="app-panel" role="tabpanel" aria-labelledby={`app-tab-${tab}`} className="tab-panel">
        {tab === 'tree' && <AppTreePanel app={a} />}
        {tab === 'diff' && <AppDiffPanel app={a} />}
        {tab === 'history' && <HistoryPanel app={a} />}
        {tab === 'events' && <AppEventsPanel app={a} />}
      </section>
    </div>
  );
}
