import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import type { Actor } from '../org-domain';

/** Who, when, why and in which request: the metadata of every event the command causes. */
export const commandContextOf = (
  issuer: AuthenticatedActor,
  now: Date,
  reason?: string,
): CommandContext => ({
  tenantId: issuer.tenantId,
  actor: issuer.personId,
  correlationId: issuer.correlationId,
  causationId: randomUUID(),
  now,
  ...(reason === undefined ? {} : { reason }),
});

/** The actor as the org deciders see it. */
export const domainActorOf = (issuer: AuthenticatedActor): Actor => ({
  personId: issuer.personId,
  isAdmin: issuer.roles.includes('admin'),
});
