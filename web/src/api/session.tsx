import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import type { Role } from '../../../src/domain/enums';
import { roleRank } from '../../../src/domain/enums';
import { ApiError, api, setCsrfToken } from './client';
import type { Me } from './types';

interface Session {
  /** null when signed out. */
  me: Me | null;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  switchWorkspace(workspaceId: string): Promise<void>;
  /** True when the signed-in role is at least `role`. */
  can(role: Role): boolean;
}

const SessionContext = createContext<Session | null>(null);
export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** Loads who is signed in once, and exposes sign-in, sign-out and workspace switching. */
export function SessionProvider({ loading, failed, children }: { loading: ReactNode; failed: (err: Error) => ReactNode; children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY, retry: false });
  const me = query.data ?? null;

  const accept = useCallback(
    (next: Me | null) => {
      setCsrfToken(next?.csrfToken ?? '');
      // Another user or workspace: nothing cached may leak into the new view.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, next);
    },
    [queryClient],
  );

  const value = useMemo<Session>(
    () => ({
      me,
      async signIn(email, password) {
        const next = await api.post<Me>('/auth/sign-in', { email, password });
        accept(next);
        return next;
      },
      async signOut() {
        try {
          await api.post('/auth/sign-out');
        } finally {
          accept(null);
        }
      },
      async switchWorkspace(workspaceId) {
        accept(await api.post<Me>('/auth/switch', { workspaceId }));
      },
      can: (role) => (me ? roleRank[me.role] >= roleRank[role] : false),
    }),
    [me, accept],
  );

  if (query.isPending) return <>{loading}</>;
  if (query.isError) return <>{failed(query.error)}</>;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in session; only for pages behind RequireSession. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe on a page that does not require a session');
  return me;
}
