// Details of one resource, as Argo's side panel: summary, live manifest, diff, events.
import { useState } from 'react';
import type { AppKey, ResourceDiff } from '../api/index.ts';
import { formatResource, resourceKey } from '../model/resource-key.ts';
import type { TreeItem } from '../model/tree-build.ts';
import { Icon } from './Icon.tsx';
import { ResourceDiffView } from './ResourceDiffView.tsx';
import { ResourceEvents } from './ResourceEvents.tsx';
import { ResourceManifest } from './ResourceManifest.tsx';
import { ResourceSummary } from './ResourceSummary.tsx';
import { Tabs } from './Tabs.tsx';

type Tab = 'summary' | 'manifest' | 'diff' | 'events';

export function ResourcePanel({
  appKey,
  item,
  managed,
  onClose,
}: {
  appKey: AppKey;
  item: TreeItem;
  managed: readonly ResourceDiff[] | undefined;
  onClose: () => void;
}) {
  const [tab, setTab] = useState<Tab>(item.sync === 'OutOfSync' ? 'diff' : 'summary');
  const diff = managed?.find((d) => resourceKey(d) === item.key);
  const tabs = [
    { id: 'summary' as const, label: 'Summary' },
    { id: 'manifest' as const, label: 'Live manifest' },
    ...(item.sync ? [{ id: 'diff' as const, label: 'Diff' }] : []),
    { id: 'events' as const, label: 'Events' },
  ];
  return (
    <aside
      className="resource-panel"
      aria-label={`Details of ${formatResource(item)}`}
      data-testid="resource-panel"
      data-resource={formatResource(item)}
    >
      <header className="resource-panel-head">
        <h2 className="mono">{formatResource(item)}</h2>
        <button type="button" className="btn btn-icon" onClick={onClose} aria-label="Close details">
          <Icon name="close" />
        </button>
      </header>
      <Tabs tabs={tabs} active={tab} onChange={setTab} label="Resource views" idPrefix="resource" />
      <div id="resource-panel" role="tabpanel" aria-labelledby={`resource-tab-${tab}`} className="tab-panel">
        {tab === 'summary' && <ResourceSummary item={item} />}
        {tab === 'manifest' && <ResourceManifest appKey={appKey} item={item} />}
        {tab === 'diff' &&
          (managed ? <ResourceDiffView diff={diff} /> : <p className="muted">Loading the diff…</p>)}
        {tab === 'events' && <ResourceEvents appKey={appKey} item={item} />}
      </div>
    </aside>
  );
}
