import type { Role } from '@rhythm/identity';

/** How a person signed in to the console. */
export type SignInMethod = 'development' | 'oidc';

/**
 * A signed-in person, as the gateway keeps it in the sealed session cookie. The token is the
 * bearer token the services see; the browser never reads it (the cookie is httpOnly and sealed).
 */
export type ConsoleSession = Readonly<{
  token: string;
  personId: string;
  organisationId: string;
  name?: string;
  roles: readonly Role[];
  method: SignInMethod;
  /** When the token expires, in seconds since the epoch: the session ends with it. */
  expiresAt: number;
}>;

/** What `GET /api/session` answers: the session without its token. */
export type SessionView = Readonly<{
  personId: string;
  organisationId: string;
  name?: string;
  roles: readonly Role[];
  method: SignInMethod;
  expiresAt: string;
}>;

export const viewOf = (session: ConsoleSession): SessionView => ({
  personId: session.personId,
  organisationId: session.organisationId,
  ...(session.name ? { name: session.name } : {}),
  roles: session.roles,
  method: session.method,
  expiresAt: new Date(session.expiresAt * 1000).toISOString(),
});
