import { describeError, type LiveState } from '../api/index.ts';

const TEXT: Record<LiveState, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  failed: 'Not updating',
};

/** Whether what is on screen is being kept current by the event stream. */
export function LiveIndicator({ state, error }: { state: LiveState; error?: unknown }) {
  const detail = error === undefined ? TEXT[state] : `${TEXT[state]}: ${describeError(error)}`;
  return (
    <span
      className={`live live-${state}`}
      data-testid="live-indicator"
      data-state={state}
      title={detail}
      role="status"
    >
      <span className="live-dot" aria-hidden="true" />
      {TEXT[state]}
    </span>
  );
}
