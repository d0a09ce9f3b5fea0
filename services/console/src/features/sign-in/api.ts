import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/http';
import { type Session, sessionKey } from '../../api/session';

/** How this gateway lets people sign in: the local stack's development sign-in, OpenID Connect. */
export interface SignInProviders {
  readonly development: boolean;
  readonly oidc: boolean;
}

/** A person of the organisation, as the development sign-in offers them. */
export interface SignInCandidate {
  readonly personId: string;
  readonly name: string;
  /** What they lead ("Tribe lead of Payments"), when the gateway says. */
  readonly leads?: readonly string[];
}

export function useSignInProviders() {
  return useQuery({
    queryKey: ['session', 'providers'],
    queryFn: () => request<SignInProviders>('session', '/providers'),
    staleTime: Infinity,
  });
}

export function usePeopleToSignInAs(organisationId: string | null) {
  return useQuery({
    queryKey: ['session', 'development', 'people', organisationId],
    enabled: Boolean(organisationId),
    queryFn: () =>
      request<readonly SignInCandidate[] | { people: readonly SignInCandidate[] }>(
        'session',
        '/development/people',
        { query: { organisationId: organisationId ?? undefined } },
      ).then((answer) => ('people' in answer ? answer.people : answer)),
  });
}

export interface DevelopmentSignIn {
  readonly organisationId: string;
  readonly personId: string;
  readonly admin?: boolean;
  /** Only for someone starting a new organisation: their name. */
  readonly name?: string;
}

export function useDevelopmentSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (signIn: DevelopmentSignIn) =>
      request<Session>('session', '/development', { method: 'POST', body: signIn }),
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

/**
 * Starts a new organisation: the founder signs in as an administrator, establishes the
 * organisation, joins it as its first person (the org service gives the person's id), then signs
 * in again as that person, so every screen knows who they are.
 */
export function useStartOrganisation() {
  const signIn = useDevelopmentSignIn();
  return useMutation({
    mutationFn: async (start: {
      organisationId: string;
      organisationName: string;
      yourName: string;
      yourEmail: string;
    }) => {
      await signIn.mutateAsync({
        organisationId: start.organisationId,
        personId: `founder-${personIdFor(start.yourName)}`,
        name: start.yourName,
        admin: true,
      });
      await api.post('org', '/organisation', { name: start.organisationName });
      const founder = await api.post<{ id: string }>('org', '/people', {
        name: start.yourName,
        email: start.yourEmail,
      });
      return signIn.mutateAsync({
        organisationId: start.organisationId,
        personId: founder.id,
        name: start.yourName,
        admin: true,
      });
    },
  });
}

/** "Ada Lovelace" → "ada-lovelace": a readable id for the first administrator. */
export function personIdFor(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'admin'
  );
}
