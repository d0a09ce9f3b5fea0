import { readAggregate, type AggregatedStream } from './aggregate-stream';
import type { StreamFold } from './decider';
import type { Event, EventMetadata, NewEvent } from './event';
import { WrongExpectedRevision } from './errors';
import type { EventStore } from './event-store';

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

/**
 * What a command decides on the aggregate's folded state: the events it causes, none to change
 * nothing. It may be async, to read facts that depend on the state (the cycle of an objective);
 * it runs again on the new state when another writer came first.
 */
export type Decision<State, E extends Event> = (
  state: State,
) => readonly E[] | Promise<readonly E[]>;

export type HandleOptions<State = unknown> = Readonly<{
  context: CommandContext;
  /**
   * The revision the caller decided on (an If-Match). When the stream is elsewhere the handler
   * throws WrongExpectedRevision at once: the caller saw something else, so a retry would decide
   * for them. Without it, a conflict re-reads and decides again.
   */
  expectedRevision?: number;
  /**
   * Whether the caller may address this aggregate at all, checked on each attempt's state before
   * anything else, the caller's revision included: an aggregate the caller may not see must
   * answer like a missing one, and a revision compared first would tell it apart.
   */
  admit?: (state: State) => void | Promise<void>;
  /** Reads and decisions before a version conflict is reported. Default 3. */
  maxAttempts?: number;
  /**
   * How each attempt gets the state: by default the whole stream read and folded
   * (`readAggregate`); a snapshot and the events after it bound a long stream's load.
   */
  load?: (streamId: string) => Promise<AggregatedStream<State>>;
}>;

export type CommandHandlerResult<State, E extends Event> = Readonly<{
  streamId: string;
  /** The events appended, with their metadata; empty when the decision changed nothing. */
  newEvents: readonly NewEvent<E>[];
  /** The state after the new events. */
  newState: State;
  /** Revision of the stream's last event now, the next expected revision; -1 while empty. */
  nextExpectedRevision: number;
  /** Global position of the last appended event; absent when nothing was appended. */
  lastGlobalPosition?: bigint;
  createdNewStream: boolean;
}>;

/**
 * The one way a command changes a stream (Emmett's `CommandHandler`):
 * `CommandHandler(decider)(store, streamId, (state) => events, { context })`. Each attempt reads
 * the stream once, folds it, admits the caller (`admit`), decides and appends at the revision it
 * read. A stream with an event it cannot fold is refused (`StreamUnreadable`) once the caller is
 * admitted. A version conflict
 * starts a new attempt, up to `maxAttempts`, then throws WrongExpectedRevision (409); with an
 * `expectedRevision` it is thrown at once.
 */
export const CommandHandler =
  <State, E extends Event>(evolution: StreamFold<State, E>) =>
  async (
    store: EventStore,
    streamId: string,
    decide: Decision<State, E>,
    { context, expectedRevision, admit, maxAttempts = 3, load }: HandleOptions<State>,
  ): Promise<CommandHandlerResult<State, E>> => {
    for (let attempt = 1; ; attempt++) {
      const { state, currentRevision, streamExists, unreadable } = await (load
        ? load(streamId)
        : readAggregate(store, streamId, evolution));
      await admit?.(state);
      // After the caller is admitted on what could be read: one who may not see the aggregate
      // gets what an unknown one gets, not a sign that its history holds a bad event (ADR 0066).
      if (unreadable) throw unreadable;
      if (expectedRevision !== undefined && expectedRevision !== currentRevision) {
        throw new WrongExpectedRevision(
          streamId,
          expectedRevision,
          streamExists ? currentRevision : 'no_stream',
        );
      }

      const decided = await decide(state);
      if (decided.length === 0) {
        return {
          streamId,
          newEvents: [],
          newState: state,
          nextExpectedRevision: currentRevision,
          createdNewStream: false,
        };
      }

      const newEvents = decided.map((event): NewEvent<E> => ({
        ...event,
        metadata: metadataFor(context, crypto.randomUUID()),
      }));
      try {
        const appended = await store.append(streamId, newEvents, {
          expectedRevision: streamExists ? currentRevision : 'no_stream',
        });
        return {
          streamId,
          newEvents,
          newState: decided.reduce(evolution.evolve, state),
          nextExpectedRevision: appended.nextExpectedRevision,
          lastGlobalPosition: appended.lastGlobalPosition,
          createdNewStream: !streamExists,
        };
      } catch (error) {
        const retry =
          error instanceof WrongExpectedRevision &&
          expectedRevision === undefined &&
          attempt < maxAttempts;
        if (!retry) throw error;
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
