// Argo's top actions: Sync (the dialog), Refresh, Terminate a running operation, Delete.
import { useState } from 'react';
import { describeError, getApplication, terminateOperation, type Application } from '../api/index.ts';
import { appKeyOf } from '../model/paths.ts';
import { DeleteAppDialog } from './DeleteAppDialog.tsx';
import { Icon } from './Icon.tsx';
import { SyncDialog } from './SyncDialog.tsx';

export function AppActions({ app }: { app: Application }) {
  const [open, setOpen] = useState<'sync' | 'delete'>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const running = app.status?.operationState?.phase === 'Running' || app.operation !== undefined;

  const act = async (fn: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="actions">
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => setOpen('sync')}
        data-testid="sync-button"
      >
        <Icon name="sync" /> Sync
      </button>
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={() => void act(() => getApplication(appKeyOf(app), undefined, 'normal'))}
        data-testid="refresh-button"
      >
        <Icon name="refresh" /> Refresh
      </button>
      {running && (
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => void act(() => terminateOperation(appKeyOf(app)))}
          data-testid="terminate-button"
        >
          Terminate
        </button>
      )}
      <button
        type="button"
        className="btn btn-danger"
        onClick={() => setOpen('delete')}
        data-testid="delete-button"
      >
        <Icon name="trash" /> Delete
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {open === 'sync' && <SyncDialog app={app} onClose={() => setOpen(undefined)} />}
      {open === 'delete' && <DeleteAppDialog app={app} onClose={() => setOpen(undefined)} />}
    </div>
  );
}
