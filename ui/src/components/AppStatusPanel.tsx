// The top of the application page, as in Argo: health, sync (and to which commit), the last or
// running operation, and any error or warning conditions.
import type { Application } from '../api/index.ts';
import { appKeyOf } from '../model/paths.ts';
import { ConditionsTable } from './ConditionsTable.tsx';
import { HealthBadge } from './HealthBadge.tsx';
import { RevisionInfo } from './RevisionInfo.tsx';
import { SyncBadge } from './SyncBadge.tsx';
import { TimeAgo } from './TimeAgo.tsx';

export function AppStatusPanel({ app }: { app: Application }) {
  const s = app.status;
  const op = s?.operationState;
  const source = app.spec.source ?? app.spec.sources?.[0];
  const auto = app.spec.syncPolicy?.automated;
  const autoOn = !!auto && auto.enabled !== false;
  return (
    <section className="status-panel" aria-label="Status">
      <div className="status-card">
        <h2>App health</h2>
        <HealthBadge status={s?.health?.status ?? 'Unknown'} message={s?.health?.message} />
        {s?.health?.message && <p className="status-message">{s.health.message}</p>}
      </div>
      <div className="status-card">
        <h2>Sync status</h2>
        <SyncBadge status={s?.sync?.status ?? 'Unknown'} revision={s?.sync?.revision} />
        <p className="status-message">
          to <RevisionInfo app={appKeyOf(app)} revision={s?.sync?.revision} />
        </p>
        <p className="muted">
          Auto sync {autoOn ? `on${auto.prune ? ', prune' : ''}${auto.selfHeal ? ', self heal' : ''}` : 'off'}
        </p>
      </div>
      <div className="status-card" data-testid="operation-state" data-phase={op?.phase ?? ''}>
        <h2>Last sync</h2>
        {op ? (
          <>
            <span className={`badge op op-${op.phase}`}>
              {op.phase === 'Running' ? 'Syncing' : `Sync ${op.phase}`}
            </span>
            <p className="status-message">{op.message}</p>
            <p className="muted">
              {op.operation?.initiatedBy?.automated
                ? 'automated'
                : (op.operation?.initiatedBy?.username ?? '')}{' '}
              · started <TimeAgo time={op.startedAt} />
              {op.finishedAt && (
                <>
                  {' '}
                  · finished <TimeAgo time={op.finishedAt} />
                </>
              )}
            </p>
          </>
        ) : (
          <p className="muted">Never synced</p>
        )}
      </div>
      <div className="status-card">
        <h2>Source</h2>
        <p className="mono clip" title={source?.repoURL}>
          {source?.repoURL ?? '—'}
        </p>
        <p className="muted">
          {source?.path ?? source?.chart ?? ''} @ {source?.targetRevision ?? 'HEAD'} →{' '}
          {app.spec.destination.namespace ?? ''} · project {app.spec.project}
        </p>
      </div>
      {(s?.conditions?.length ?? 0) > 0 && (
        <div className="status-wide">
          <ConditionsTable conditions={s?.conditions ?? []} caption="Conditions" />
        </div>
      )}
    </section>
  );
}
