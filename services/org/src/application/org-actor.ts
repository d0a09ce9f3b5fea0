import type { AuthenticatedActor } from '@rhythm/identity';
import type { Actor } from '../org-domain';

/**
 * The caller as the org deciders see them (ADR 0031): who they are, and whether their token makes
 * them an admin. Every other power comes from the units they lead, which the deciders weigh.
 */
export const orgActorOf = (issuer: AuthenticatedActor): Actor => ({
  personId: issuer.personId,
  isAdmin: issuer.roles.includes('admin'),
});
