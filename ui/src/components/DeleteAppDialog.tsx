// Deleting is the one irreversible button: type the name to confirm, as in Argo.
import { useState } from 'react';
import { useLocation } from 'wouter';
import { deleteApplication, describeError, type Application } from '../api/index.ts';
import { appKeyOf } from '../model/paths.ts';
import { Dialog } from './Dialog.tsx';

export function DeleteAppDialog({ app, onClose }: { app: Application; onClose: () => void }) {
  const [, navigate] = useLocation();
  const [typed, setTyped] = useState('');
  const [cascade, setCascade] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const name = app.metadata.name;

  const submit = async (): Promise<void> => {
    setBusy(true);
    try {
      await deleteApplication(appKeyOf(app), cascade);
      navigate('/applications');
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Delete ${name}`}
      onClose={onClose}
      testId="delete-dialog"
      footer={
        <>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy || typed !== name}
            onClick={() => void submit()}
            data-testid="delete-confirm"
          >
            Delete
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <p>
        Type <strong>{name}</strong> to confirm.
      </p>
      <label className="field">
        <span className="visually-hidden">Application name</span>
        <input
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          data-testid="delete-name"
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={cascade} onChange={(e) => setCascade(e.target.checked)} />
        Also delete the resources it manages (cascade)
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
