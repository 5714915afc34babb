// Who is signed in. Asks the server once at start; any later 401 from any call means the session ended
// (expired, revoked, server restarted) and the console returns to the login page.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError, onUnauthorized } from '../../shared/api/client.ts';
import { createSession, deleteSession, getSession, type Me } from './session.api.ts';

export type AuthState =
  | { status: 'checking' }
  | { status: 'failed'; error: unknown }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'signedIn'; me: Me };

interface AuthContextValue {
  state: AuthState;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  recheck: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: 'checking' });
    getSession(ctl.signal).then(
      (me) => setState({ status: 'signedIn', me }),
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        if (isApiError(e) && e.status === 401) setState({ status: 'anonymous', expired: false });
        else setState({ status: 'failed', error: e });
      },
    );
    return () => ctl.abort();
  }, [tick]);

  useEffect(
    () =>
      onUnauthorized(() =>
        setState((s) => (s.status === 'signedIn' ? { status: 'anonymous', expired: true } : s)),
      ),
    [],
  );

  const login = useCallback(async (username: string, password: string) => {
    const me = await createSession(username, password);
    setState({ status: 'signedIn', me });
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await deleteSession();
    } catch (e) {
      // a session the server no longer knows is as good as ended
      if (!(isApiError(e) && e.status === 401)) throw e;
    }
    setState({ status: 'anonymous', expired: false });
  }, []);

  const recheck = useCallback(() => setTick((n) => n + 1), []);
  const value = useMemo(() => ({ state, login, logout, recheck }), [state, login, logout, recheck]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** the signed-in user; only for components rendered inside the shell */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useMe outside a signed-in shell');
  return state.me;
}
