// Deployment history (status.history, newest first) with rollback, which Argo refuses while
// auto-sync is on: the button says so instead of failing.
import { useState } from 'react';
import type { Application, RevisionHistory } from '../api/index.ts';
import { appKeyOf } from '../model/paths.ts';
import { EmptyState } from './EmptyState.tsx';
import { RevisionInfo } from './RevisionInfo.tsx';
import { RollbackDialog } from './RollbackDialog.tsx';
import { TimeAgo } from './TimeAgo.tsx';

export function HistoryPanel({ app }: { app: Application }) {
  const [target, setTarget] = useState<RevisionHistory>();
  const history = [...(app.status?.history ?? [])].reverse();
  const auto = app.spec.syncPolicy?.automated;
  const autoOn = !!auto && auto.enabled !== false;
  const current = app.status?.history?.at(-1)?.id;
  if (history.length === 0)
    return <EmptyState title="No deployments yet">A successful sync adds an entry here.</EmptyState>;
  return (
    <>
      <table className="table" data-testid="history-table">
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Revision</th>
            <th scope="col">Deployed</th>
            <th scope="col">By</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.id} data-testid="history-row" data-id={h.id}>
              <td>{h.id}</td>
              <td>
                <RevisionInfo app={appKeyOf(app)} revision={h.revision ?? h.revisions?.[0]} />
              </td>
              <td>
                <TimeAgo time={h.deployedAt} />
              </td>
              <td>{h.initiatedBy?.automated ? 'automated' : (h.initiatedBy?.username ?? '—')}</td>
              <td>
                {h.id === current ? (
                  <span className="muted">current</span>
                ) : (
                  <button
                    type="button"
                    className="btn"
                    disabled={autoOn}
                    title={autoOn ? 'Rollback is not possible while auto-sync is on' : undefined}
                    onClick={() => setTarget(h)}
                    data-testid="rollback-button"
                  >
                    Rollback
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {autoOn && (
        <p className="note">
          Auto-sync is on: turn it off to roll back (Argo CD refuses rollbacks while auto-sync would undo
          them).
        </p>
      )}
      {target && <RollbackDialog app={app} entry={target} onClose={() => setTarget(undefined)} />}
    </>
  );
}
