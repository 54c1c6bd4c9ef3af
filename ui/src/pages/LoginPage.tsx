// Username and password against POST /api/v1/session; the server's own message on failure
// (docs/api.md §5). After login, back to where the user was going.
import { useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { ApiError, describeError, login, settings as loadSettings } from '../api/index.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { safeReturnPath } from '../model/return-path.ts';

export function LoginPage() {
  const [, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const returnTo = safeReturnPath(search.get('return'));
  // A single sign-on that failed comes back here with the server's reason (shown as text).
  const ssoError = search.get('sso_error') ?? undefined;
  const settings = useAsync('settings', (signal) => loadSettings(signal));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(ssoError);

  const submit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(username, password);
      navigate(returnTo, { replace: true });
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };

  const oidc = settings.data?.oidcConfig;
  const loginsDisabled = settings.data?.userLoginsDisabled === true;
  return (
    <div className="login-page">
      <div className="login-card">
        <h1 className="login-title">
          <img src="/favicon.svg" alt="" width={36} height={36} />
          Capstan
        </h1>
        <p className="muted">GitOps for Argo CD and Flux users</p>
        {!loginsDisabled && (
          <form
            onSubmit={(e) => void submit(e)}
            data-testid="login-form"
            aria-describedby={error ? 'login-error' : undefined}
          >
            <label htmlFor="login-username">Username</label>
            <input
              id="login-username"
              name="username"
              autoComplete="username"
              required
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              data-testid="login-username"
            />
            <label htmlFor="login-password">Password</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="login-password"
            />
            {error && (
              <p id="login-error" className="form-error" role="alert" data-testid="login-error">
                {error}
              </p>
            )}
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="login-submit">
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        )}
        {oidc && (
          <a
            className="btn"
            href={`/auth/login?return_url=${encodeURIComponent(returnTo)}`}
            data-testid="login-sso"
          >
            Log in via {oidc.name}
          </a>
        )}
        {settings.error instanceof ApiError && settings.error.status === 0 && (
          <p className="form-error" role="alert">
            {describeError(settings.error)}
          </p>
        )}
      </div>
    </div>
  );
}
