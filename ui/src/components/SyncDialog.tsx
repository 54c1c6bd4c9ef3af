// Argo's sync panel: revision, Prune / Dry run / Force / Apply out of sync only / Server-side
// apply, and the resources to sync (all by default; a subset makes it a selective sync).
import { useState } from 'react';
import { describeError, syncApplication, type Application } from '../api/index.ts';
import { compareResources } from '../model/kind-order.ts';
import { appKeyOf } from '../model/paths.ts';
import { formatResource, resourceKey } from '../model/resource-key.ts';
import { syncRequestOf, type SyncChoices } from '../model/sync-request.ts';
import { Dialog } from './Dialog.tsx';
import { SyncBadge } from './SyncBadge.tsx';

const OPTION_LABELS: [keyof SyncChoices, string][] = [
  ['prune', 'Prune (delete resources no longer in Git)'],
  ['dryRun', 'Dry run'],
  ['force', 'Force (delete and re-create what cannot be patched)'],
  ['applyOutOfSyncOnly', 'Apply out of sync only'],
  ['serverSideApply', 'Server-side apply'],
];

export function SyncDialog({ app, onClose }: { app: Application; onClose: () => void }) {
  const resources = [...(app.status?.resources ?? [])].filter((r) => !r.hook).sort(compareResources);
  const appOptions = app.spec.syncPolicy?.syncOptions ?? [];
  const [revision, setRevision] = useState(app.spec.source?.targetRevision ?? '');
  const [options, setOptions] = useState<SyncChoices>({
    prune: false,
    dryRun: false,
    force: false,
    applyOutOfSyncOnly: appOptions.includes('ApplyOutOfSyncOnly=true'),
    serverSideApply: appOptions.includes('ServerSideApply=true'),
  });
  const [selected, setSelected] = useState(() => new Set(resources.map((r) => resourceKey(r))));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const all = selected.size === resources.length;
  const toggle = (key: string): void =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    const subset = all
      ? undefined
      : resources
          .filter((r) => selected.has(resourceKey(r)))
          .map((r) => ({
            group: r.group ?? '',
            kind: r.kind,
            name: r.name,
            ...(r.namespace ? { namespace: r.namespace } : {}),
          }));
    try {
      await syncApplication(appKeyOf(app), syncRequestOf(revision, options, subset));
      onClose();
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Synchronize ${app.metadata.name}`}
      onClose={onClose}
      testId="sync-dialog"
      footer={
        <>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || selected.size === 0}
            onClick={() => void submit()}
            data-testid="sync-submit"
          >
            {busy ? 'Starting…' : 'Synchronize'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <label className="field">
        <span>Revision</span>
        <input
          value={revision}
          onChange={(e) => setRevision(e.target.value)}
          placeholder="HEAD"
          data-testid="sync-revision"
        />
      </label>
      <fieldset className="options">
        <legend>Options</legend>
        {OPTION_LABELS.map(([key, label]) => (
          <label key={key} className="check">
            <input
              type="checkbox"
              checked={options[key]}
              onChange={(e) => setOptions({ ...options, [key]: e.target.checked })}
              data-testid={`sync-option-${key}`}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset className="options sync-resources">
        <legend>
          Resources ({selected.size} of {resources.length})
        </legend>
        <div className="sync-select-all">
          <button
            type="button"
            className="btn btn-link"
            onClick={() => setSelected(new Set(resources.map((r) => resourceKey(r))))}
          >
            All
          </button>
          <button
            type="button"
            className="btn btn-link"
            onClick={() =>
              setSelected(
                new Set(resources.filter((r) => r.status === 'OutOfSync').map((r) => resourceKey(r))),
              )
            }
          >
            Out of sync
          </button>
          <button type="button" className="btn btn-link" onClick={() => setSelected(new Set())}>
            None
          </button>
        </div>
        <ul>
          {resources.map((r) => {
            const key = resourceKey(r);
            return (
              <li key={key}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={selected.has(key)}
                    onChange={() => toggle(key)}
                    data-testid="sync-resource"
                    data-resource={formatResource(r)}
                  />
                  <span className="mono">{formatResource(r)}</span>
                  <SyncBadge status={r.status} />
                  {r.requiresPruning && <span className="badge prune">requires pruning</span>}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      {error && (
        <p className="form-error" role="alert" data-testid="sync-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
