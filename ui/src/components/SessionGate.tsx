// Shows its children only with a live session; otherwise sends the user to the login page,
// remembering where they were going. Any 401 anywhere (api/http.ts) re-checks the session.
import { useEffect, useMemo, type ReactNode } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { logout, onUnauthenticated, settings, userInfo } from '../api/index.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { SessionContext, type Session } from '../session.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { Spinner } from './Spinner.tsx';

export function SessionGate({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const search = useSearch();
  const info = useAsync('session', async (signal) => {
    const [user, s] = await Promise.all([userInfo(signal), settings(signal)]);
    return { user, settings: s };
  });
  const { reload } = info;

  useEffect(() => onUnauthenticated(reload), [reload]);

  const session = useMemo<Session | undefined>(
    () =>
      info.data && {
        ...info.data,
        signOut: async () => {
          await logout().catch(() => undefined);
          reload();
        },
      },
    [info.data, reload],
  );

  if (info.error !== undefined && !info.data) {
    return <ErrorBox title="Capstan's server cannot be reached" error={info.error} onRetry={info.reload} />;
  }
  if (!session) return <Spinner label="Checking your session" />;
  if (!session.user.loggedIn) {
    const target = `${location}${search ? `?${search}` : ''}`;
    return <Redirect to={`/login?return=${encodeURIComponent(target)}`} replace />;
  }
  return <SessionContext value={session}>{children}</SessionContext>;
}
