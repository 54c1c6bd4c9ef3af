import { Link } from 'wouter';
import type { ListItem } from '../model/list-items.ts';
import { itemPath } from '../model/paths.ts';
import { FluxBadge } from './FluxBadge.tsx';
import { HealthBadge } from './HealthBadge.tsx';
import { KindMarker } from './KindMarker.tsx';
import { Revision } from './Revision.tsx';
import { SyncBadge } from './SyncBadge.tsx';

export function AppRow({ item }: { item: ListItem }) {
  return (
    <>
      <span role="cell">
        <KindMarker kind={item.kind} />
      </span>
      <span role="cell" className="cell-name">
        <Link href={itemPath(item)} data-testid="app-link">
          {item.name}
        </Link>
      </span>
      <span role="cell">{item.namespace}</span>
      <span role="cell">{item.kind === 'Application' ? item.project : '—'}</span>
      <span role="cell">
        {item.kind === 'Application' ? (
          <HealthBadge status={item.health} message={item.healthMessage} />
        ) : (
          <FluxBadge health={item.health} label={item.fluxStatus} message={item.healthMessage} />
        )}
      </span>
      <span role="cell">
        {item.kind === 'Application' ? <SyncBadge status={item.sync} revision={item.revision} /> : '—'}
      </span>
      <span role="cell">
        <Revision revision={item.revision} />
      </span>
      <span role="cell" className="cell-clip" title={item.source}>
        {item.source}
      </span>
      <span role="cell" className="cell-clip" title={item.destination}>
        {item.destination}
      </span>
    </>
  );
}
