import { useQuery } from '@tanstack/react-query';
import { ApiError, request } from './http';

/** Who is signed in, as the gateway's session says (`GET /api/session`). */
export interface Session {
  readonly personId: string;
  readonly organisationId: string;
  readonly name?: string;
  readonly roles: readonly string[];
  /** How the person signed in: the local stack's development sign-in, or OpenID Connect. */
  readonly method: 'development' | 'oidc';
}

export const sessionKey = ['session'] as const;

/** The session, or null when nobody is signed in (the gateway answers 401). */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session | null> => {
      try {
        return await request<Session>('session', '/');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function isAdmin(session: Session | null | undefined): boolean {
  return session?.roles.includes('admin') ?? false;
}
