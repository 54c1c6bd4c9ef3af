import type { TreeItem } from '../model/tree-build.ts';
import { HealthBadge } from './HealthBadge.tsx';
import { SyncBadge } from './SyncBadge.tsx';
import { TimeAgo } from './TimeAgo.tsx';

export function ResourceSummary({ item }: { item: TreeItem }) {
  return (
    <dl className="facts" data-testid="resource-summary">
      <dt>Kind</dt>
      <dd>{item.group ? `${item.group}/${item.version} ${item.kind}` : `${item.version} ${item.kind}`}</dd>
      <dt>Namespace</dt>
      <dd>{item.namespace || '—'}</dd>
      <dt>Health</dt>
      <dd>{item.health ? <HealthBadge status={item.health} message={item.healthMessage} /> : '—'}</dd>
      {item.healthMessage && (
        <>
          <dt>Health message</dt>
          <dd>{item.healthMessage}</dd>
        </>
      )}
      <dt>Sync</dt>
      <dd>{item.sync ? <SyncBadge status={item.sync} /> : 'not managed directly'}</dd>
      {item.requiresPruning && (
        <>
          <dt>Prune</dt>
          <dd>no longer in Git: a sync with prune deletes it</dd>
        </>
      )}
      <dt>Created</dt>
      <dd>
        <TimeAgo time={item.createdAt} />
      </dd>
      {item.info.map((i) => (
        <div key={i.name} className="facts-pair">
          <dt>{i.name}</dt>
          <dd>{i.value}</dd>
        </div>
      ))}
      {item.images.length > 0 && (
        <>
          <dt>Images</dt>
          <dd className="mono">{item.images.join(', ')}</dd>
        </>
      )}
    </dl>
  );
}
