import { randomUUID } from 'node:crypto';
import {
  metadataFor,
  type AppendResult,
  type Event,
  type EventStore,
} from '@rhythm/event-sourcing';

/**
 * Appends one event straight to a stream, with the metadata a command of `tenantId` would give it
 * but without any decider: a history written at chosen times, or an event no command would write
 * (a faulty migration's, a hand-made one) for a test of what the services do with it.
 */
export const appendAsWritten = (
  store: EventStore,
  tenantId: string,
  streamId: string,
  event: Event,
  { actor = 'a-faulty-migration', at = new Date() }: Readonly<{ actor?: string; at?: Date }> = {},
): Promise<AppendResult> =>
  store.append(
    streamId,
    [
      {
        ...event,
        metadata: metadataFor(
          {
            tenantId,
            actor,
            correlationId: randomUUID(),
            causationId: randomUUID(),
            now: at,
          },
          randomUUID(),
        ),
      },
    ],
    { expectedRevision: 'any' },
  );
