// Who is logged in and the server's public settings, for every page below the session gate.
import { createContext, useContext } from 'react';
import type { Settings, UserInfo } from './api/index.ts';

export interface Session {
  user: UserInfo;
  settings: Settings;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside the session gate');
  return session;
}
