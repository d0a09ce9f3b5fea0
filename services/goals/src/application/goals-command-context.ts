import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';

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
  ...(reason === undefined || reason.trim() === '' ? {} : { reason: reason.trim() }),
});
