import { randomUUID } from 'node:crypto';
import { CommandHandler, type Decider, type Event, type EventStore } from '@rhythm/event-sourcing';

/**
 * For read-model specs: a command decided on a stream of the store and its events appended, as
 * the service would, by `actor` of `tenantId` at the moment `at` (the events' occurredAt).
 */
export const decideInStore =
  (store: () => EventStore, tenantId: string) =>
  <S, E extends Event, C>(
    decider: Decider<C, S, E>,
    streamId: string,
    actor: string,
    command: C,
    at: string,
  ) =>
    CommandHandler(decider)(store(), streamId, (state) => decider.decide(command, state), {
      context: {
        tenantId,
        actor,
        correlationId: randomUUID(),
        causationId: randomUUID(),
        now: new Date(at),
      },
    });
