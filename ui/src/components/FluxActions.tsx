// Flux's verbs on one object: reconcile (optionally with its source), suspend, resume.
import { useState } from 'react';
import {
  describeError,
  reconcileFlux,
  setFluxSuspended,
  type FluxObject,
  type FluxResource,
} from '../api/index.ts';
import { Icon } from './Icon.tsx';

export function FluxActions({
  resource,
  obj,
  compact = false,
}: {
  resource: FluxResource;
  obj: FluxObject;
  compact?: boolean;
}) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const key = { namespace: obj.metadata.namespace ?? '', name: obj.metadata.name };
  const suspended = !!obj.spec.suspend;

  const act = async (what: string, fn: () => Promise<unknown>): Promise<void> => {
    setBusy(what);
    setError(undefined);
    try {
      await fn();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="actions">
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy !== undefined || suspended}
        title={suspended ? 'Resume it first' : undefined}
        onClick={() => void act('reconcile', () => reconcileFlux(resource, key))}
        data-testid="reconcile-button"
      >
        <Icon name="sync" /> {busy === 'reconcile' ? 'Requesting…' : 'Reconcile'}
      </button>
      {!compact && resource === 'kustomizations' && (
        <button
          type="button"
          className="btn"
          disabled={busy !== undefined || suspended}
          onClick={() => void act('with-source', () => reconcileFlux(resource, key, true))}
          data-testid="reconcile-with-source-button"
        >
          Reconcile with source
        </button>
      )}
      {suspended ? (
        <button
          type="button"
          className="btn"
          disabled={busy !== undefined}
          onClick={() => void act('resume', () => setFluxSuspended(resource, key, false))}
          data-testid="resume-button"
        >
          <Icon name="play" /> Resume
        </button>
      ) : (
        <button
          type="button"
          className="btn"
          disabled={busy !== undefined}
          onClick={() => void act('suspend', () => setFluxSuspended(resource, key, true))}
          data-testid="suspend-button"
        >
          <Icon name="pause" /> Suspend
        </button>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
