import { Link } from 'wouter';
import type { ListItem } from '../model/list-items.ts';
import { itemPath } from '../model/paths.ts';
import { FluxBadge } from './FluxBadge.tsx';
import { HealthBadge } from './HealthBadge.tsx';
import { KindMarker } from './KindMarker.tsx';
import { Revision } from './Revision.tsx';
import { SyncBadge } from './SyncBadge.tsx';

/** One application as a card, Argo-style: name, status, where it comes from and goes to. */
export function AppTile({ item }: { item: ListItem }) {
  return (
    <article
      className={`tile health-edge-${item.health}`}
      data-testid="app-tile"
      data-name={item.name}
      data-namespace={item.namespace}
      data-kind={item.kind}
    >
      <header className="tile-head">
        <KindMarker kind={item.kind} />
        <Link href={itemPath(item)} className="tile-name" data-testid="app-link">
          {item.name}
        </Link>
      </header>
      <div className="tile-badges">
        {item.kind === 'Application' ? (
          <>
            <HealthBadge status={item.health} message={item.healthMessage} />
            <SyncBadge status={item.sync} revision={item.revision} />
            {item.operationPhase === 'Running' && <span className="badge op-running">Syncing</span>}
          </>
        ) : (
          <>
            <FluxBadge health={item.health} label={item.fluxStatus} message={item.healthMessage} />
          </>
        )}
      </div>
      <dl className="tile-facts">
        {item.kind === 'Application' ? (
          <>
            <dt>Project</dt>
            <dd>{item.project}</dd>
          </>
        ) : (
          <>
            <dt>Namespace</dt>
            <dd>{item.namespace}</dd>
          </>
        )}
        <dt>Source</dt>
        <dd title={item.source}>{item.source || '—'}</dd>
        <dt>{item.kind === 'Application' ? 'Destination' : 'Target'}</dt>
        <dd title={item.destination}>{item.destination || '—'}</dd>
        <dt>Revision</dt>
        <dd>
          <Revision revision={item.revision} />
        </dd>
      </dl>
    </article>
  );
}
