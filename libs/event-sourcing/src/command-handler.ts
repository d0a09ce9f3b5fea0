import type { Decider } from './decider';
import { fold } from './decider';
import type { Event, EventMetadata, NewEvent, RecordedEvent } from './event';
import { WrongExpectedRevision } from './errors';
import type { EventStore, ExpectedRevision } from './event-store';

/** Who asks and in which request: becomes the metadata of every event the command causes. */
export type CommandContext = Readonly<{
  tenantId: string;
  actor: string;
  correlationId: string;
  /** Id of the command itself (or the message that caused it). */
  causationId: string;
  /** The application clock's time for this command. */
  now: Date;
  reason?: string;
}>;

export type HandleResult<E extends Event> = Readonly<{
  streamId: string;
  events: readonly NewEvent<E>[];
  nextExpectedRevision: number;
  lastGlobalPosition?: bigint;
}>;

export type CommandHandlerOptions = Readonly<{
  /** Attempts before a version conflict is reported (409). */
  maxAttempts?: number;
  newEventId?: () => string;
}>;

/**
 * Loads a stream, folds it, decides, and appends with the expected revision. On a version
 * conflict it re-reads and decides again (the decision may change), a bounded number of times,
 * then throws WrongExpectedRevision.
 */
export const commandHandler =
  <Command, State, E extends Event>(
    store: EventStore,
    decider: Decider<Command, State, E>,
    options: CommandHandlerOptions = {},
  ) =>
  async (
    streamId: string,
    command: Command,
    context: CommandContext,
    handlerOptions: Readonly<{ expectedRevision?: number }> = {},
  ): Promise<HandleResult<E>> => {
    const maxAttempts = options.maxAttempts ?? 3;
    const newEventId = options.newEventId ?? (() => crypto.randomUUID());

    for (let attempt = 1; ; attempt++) {
      const recorded = (await store.readStream(streamId)) as unknown as RecordedEvent<E>[];
      const currentRevision = recorded.length === 0 ? undefined : recorded.length - 1;
      if (
        handlerOptions.expectedRevision !== undefined &&
        handlerOptions.expectedRevision !== (currentRevision ?? -1)
      ) {
        // The caller decided on a version it saw; another change came first.
        throw new WrongExpectedRevision(
          streamId,
          handlerOptions.expectedRevision,
          currentRevision ?? 'no_stream',
        );
      }
      const state = fold(decider, recorded);
      const decided = decider.decide(command, state);
      if (decided.length === 0) {
        return { streamId, events: [], nextExpectedRevision: currentRevision ?? -1 };
      }

      const events = decided.map((event): NewEvent<E> => ({
        ...event,
        metadata: metadataFor(context, newEventId()),
      }));
      const expectedRevision: ExpectedRevision = currentRevision ?? 'no_stream';
      try {
        const result = await store.append(streamId, events, { expectedRevision });
        return {
          streamId,
          events,
          nextExpectedRevision: result.nextExpectedRevision,
          lastGlobalPosition: result.lastGlobalPosition,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt >= maxAttempts) throw error;
      }
    }
  };

export const metadataFor = (context: CommandContext, eventId: string): EventMetadata => ({
  eventId,
  tenantId: context.tenantId,
  actor: context.actor,
  correlationId: context.correlationId,
  causationId: context.causationId,
  occurredAt: context.now.toISOString(),
  ...(context.reason === undefined ? {} : { reason: context.reason }),
});
