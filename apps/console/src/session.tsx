import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiFailure, rememberCsrf, whenSessionLost } from './api';
import type { Schema } from './api-client';
import { live } from './live';
import { setTimeZone } from './time-zone';

export type Me = Schema<'MeResultDto'>;

interface SessionState {
  me: Me | null | undefined; // undefined: not known yet
  ended: boolean; // the server ended a session this tab had (not a sign out here)
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  // a sign-out outranks any read of /me begun before it: its answer (the session as it was)
  // must not bring the person back in
  const signOuts = useRef(0);
  // while this tab signs out, the server's word that the session ended (the socket's
  // session.ended often beats the logout's own answer) is that sign-out, not an ended session
  const signingOut = useRef(false);
  const refresh = useCallback(async () => {
    const before = signOuts.current;
    try {
      const answer = await api<Me>('GET', '/api/auth/me');
      if (signOuts.current !== before) return;
      rememberCsrf(answer.csrfHeader, answer.csrfToken);
      setTimeZone(answer.timeZone);
      setEnded(false);
      setMe(answer);
    } catch (error) {
      if (signOuts.current !== before) return;
      if (error instanceof ApiFailure && error.error.status === 401) setMe(null);
      else throw error;
    }
  }, []);
  const signOut = useCallback(async () => {
    signOuts.current += 1;
    signingOut.current = true;
    await api('POST', '/api/auth/logout').catch(() => undefined);
    rememberCsrf(undefined, undefined);
    // signing out on purpose leaves nothing behind in the tab (CONSOLE.md 4)
    for (const key of Object.keys(sessionStorage))
      if (key.startsWith('draft:')) sessionStorage.removeItem(key);
    setEnded(false);
    setMe(null);
    signingOut.current = false;
  }, []);
  useEffect(() => {
    void refresh();
    // the server ended the session (signed out elsewhere, deactivated, lapsed): a live
    // session.ended or a 401 on a call; /api/auth/me then says so and the page goes
    const lost = () => {
      if (signingOut.current) return;
      setEnded(true);
      void refresh().catch(() => setMe(null));
    };
    live.onSessionEnded(lost);
    whenSessionLost(lost);
  }, [refresh]);
  return (
    <SessionContext.Provider value={{ me, ended, refresh, signOut }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
