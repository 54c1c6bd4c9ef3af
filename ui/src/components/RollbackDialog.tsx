import { useState } from 'react';
import { describeError, rollbackApplication, type Application, type RevisionHistory } from '../api/index.ts';
import { appKeyOf } from '../model/paths.ts';
import { Dialog } from './Dialog.tsx';
import { RevisionInfo } from './RevisionInfo.tsx';

export function RollbackDialog({
  app,
  entry,
  onClose,
}: {
  app: Application;
  entry: RevisionHistory;
  onClose: () => void;
}) {
  const [prune, setPrune] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (): Promise<void> => {
    setBusy(true);
    try {
      await rollbackApplication(appKeyOf(app), { id: entry.id, prune });
      onClose();
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`Roll ${app.metadata.name} back to deployment ${entry.id}`}
      onClose={onClose}
      testId="rollback-dialog"
      footer={
        <>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => void submit()}
            data-testid="rollback-confirm"
          >
            Rollback
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <p>
        Syncs to <RevisionInfo app={appKeyOf(app)} revision={entry.revision ?? entry.revisions?.[0]} />.
      </p>
      <label className="check">
        <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} />
        Prune resources that revision does not have
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
