import { describeError } from '../api/index.ts';

/** A failure the user should read: what failed, the server's own message, and a way out. */
export function ErrorBox({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  return (
    <div className="error-box" role="alert" data-testid="error-box">
      <strong>{title}</strong>
      <p>{describeError(error)}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
