/** Roles a token can grant. An endpoint asks for one with `@RequireRole(...)`. */
export type Role = 'admin' | 'member';

export const ROLES: readonly Role[] = ['admin', 'member'];

/** Who is calling, in which organisation: what `@CurrentActor()` gives a controller. */
export type AuthenticatedActor = Readonly<{
  /** The person id (`sub`): becomes `actor` in event metadata. */
  personId: string;
  /** The organisation id: taken only from the token, never from the request. */
  tenantId: string;
  roles: readonly Role[];
  name?: string;
  /** The request's correlation id (x-correlation-id), for event metadata. */
  correlationId: string;
}>;

export const hasAnyRole = (actor: Pick<AuthenticatedActor, 'roles'>, wanted: readonly Role[]) =>
  wanted.some((role) => actor.roles.includes(role));
