// The signed-in staff member, as the gateway's session endpoint says. The session itself is an
// HttpOnly cookie the app never sees; the app knows who is signed in, the CSRF token for changes,
// and when the session ends. An API answer 401 means the session expired: drafts are saved and the
// app shows sign-in, remembering where the user was.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onSessionExpired, setCsrfToken } from '../api/client.ts';
import { saveDraftsForSignIn } from './drafts.ts';
import type { DemoStaffMember, SessionInfo, SessionUser } from './session-types.ts';

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'unreachable' }
  | { readonly status: 'anonymous'; readonly oidc: boolean; readonly demo: readonly DemoStaffMember[] | null; readonly expired: boolean; readonly returnTo: string | null }
  | { readonly status: 'authenticated'; readonly user: SessionUser; readonly expiresAt: string };

export interface Session {
  readonly state: SessionState;
  readonly refresh: () => Promise<void>;
  readonly signInDemo: (staffId: string) => Promise<boolean>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

async function fetchSession(): Promise<SessionInfo | undefined> {
  try {
    const response = await fetch('/console/auth/session', { credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) return undefined;
    return (await response.json()) as SessionInfo;
  } catch {
    return undefined;
  }
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [csrf, setCsrf] = useState<string | undefined>(undefined);

  const apply = useCallback((info: SessionInfo | undefined, expired = false, returnTo: string | null = null) => {
    if (info === undefined) {
      setCsrf(undefined);
      setState({ status: 'unreachable' });
    } else if (info.authenticated) {
      setCsrf(info.csrfToken);
      setState({ status: 'authenticated', user: info.user, expiresAt: info.expiresAt });
    } else {
      setCsrf(undefined);
      setState({ status: 'anonymous', oidc: info.signIn.oidc, demo: info.signIn.demo, expired, returnTo });
    }
  }, []);

  const refresh = useCallback(async () => {
    apply(await fetchSession());
  }, [apply]);

  useEffect(() => {
    setCsrfToken(csrf);
  }, [csrf]);

  useEffect(() => {
    let current = true;
    void fetchSession().then((info) => {
      if (current) apply(info);
    });
    return () => {
      current = false;
    };
  }, [apply]);

  useEffect(
    () =>
      onSessionExpired(() => {
        const returnTo = currentPath();
        saveDraftsForSignIn(window.location.pathname);
        void fetchSession().then((info) => {
          apply(info, true, returnTo);
        });
      }),
    [apply],
  );

  const signInDemo = useCallback(
    async (staffId: string) => {
      const response = await fetch('/console/auth/demo', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ staffId }),
      }).catch(() => undefined);
      if (response === undefined || !response.ok) return false;
      apply(await fetchSession());
      return true;
    },
    [apply],
  );

  const signOut = useCallback(async () => {
    const response = await fetch('/console/auth/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(csrf !== undefined ? { 'X-CSRF-Token': csrf } : {}) },
    }).catch(() => undefined);
    const body = response?.ok === true ? ((await response.json().catch(() => ({}))) as { endSessionUrl?: string }) : {};
    if (typeof body.endSessionUrl === 'string') {
      window.location.assign(body.endSessionUrl);
      return;
    }
    apply(await fetchSession());
  }, [apply, csrf]);

  const value = useMemo<Session>(() => ({ state, refresh, signInDemo, signOut }), [state, refresh, signInDemo, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (value === undefined) throw new TypeError('useSession outside SessionProvider');
  return value;
}
