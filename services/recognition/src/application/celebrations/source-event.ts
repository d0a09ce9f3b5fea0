import { DomainError, NotFound, WrongExpectedRevision } from '@rhythm/event-sourcing';
import { UnprocessableEvent } from '@rhythm/messaging';

/**
 * How a consumer's effect answers the transport (ADR 0046): a directory that lags its source
 * (an objective, a person not seen yet: NotFound) or a conflicting writer is retried, then dead
 * lettered; any other refusal of the domain (a text beyond its limits, say) would be refused
 * again, so the message is dead-lettered at once and the consumer carries on with the others.
 */
export const asDelivery = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (error instanceof NotFound || error instanceof WrongExpectedRevision) throw error;
    if (error instanceof DomainError) throw new UnprocessableEvent(error.message);
    throw error;
  }
};
