import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from './authenticated-actor';

/**
 * Who, when, why and in which request: the metadata of every event a command causes. The tenant
 * and the actor come from the token; a blank reason is no reason.
 */
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
