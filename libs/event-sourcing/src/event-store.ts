import type { Event, NewEvent, RecordedEvent } from './event';

/**
 * Expected state of a stream before an append:
 * - a number: the revision of the stream's last event (0-based), i.e. the stream has revision+1 events;
 * - 'no_stream': the stream must not exist;
 * - 'stream_exists': it must exist;
 * - 'any': no check.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export type AppendResult = Readonly<{
  /** Revision of the last appended event: pass it as the next expected revision. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  lastGlobalPosition: bigint;
}>;

export type ReadStreamOptions = Readonly<{
  /** First revision to return (inclusive). */
  fromRevision?: number;
  /** Return only events that had occurred at that time (metadata.occurredAt <= asOf). */
  asOf?: Date;
  maxCount?: number;
}>;

export type ReadAllOptions = Readonly<{
  /** Return events strictly after this global position; omit to start at the beginning. */
  after?: bigint;
  maxCount?: number;
  /** Only streams whose id starts with one of these prefixes (e.g. 'tribe-'). */
  streamPrefixes?: readonly string[];
}>;

export type SubscribeToAllOptions = Readonly<{
  /** Deliver events strictly after this checkpoint; omit to start at the beginning. */
  after?: bigint;
  streamPrefixes?: readonly string[];
  /** Stops the subscription: the iterator ends. */
  signal?: AbortSignal;
}>;

/**
 * The event store port. Adapters: PostgreSQL (`@rhythm/event-store-postgres`) and
 * KurrentDB (`@rhythm/event-store-kurrentdb`); one contract suite (`@rhythm/testing`) runs against both.
 *
 * Ordering guarantee: readAll and subscribeToAll deliver events in increasing global position and
 * never skip an event that commits late.
 */
export interface EventStore {
  /** Appends atomically; throws WrongExpectedRevision when the stream is not where it was expected. */
  append(
    streamId: string,
    events: readonly NewEvent[],
    options: Readonly<{ expectedRevision: ExpectedRevision }>,
  ): Promise<AppendResult>;

  /**
   * Events of one stream, forwards. An unknown stream reads as empty. `E` is the caller's word for
   * what the stream holds (one aggregate's events): the store returns what was appended to it.
   */
  readStream<E extends Event = Event>(
    streamId: string,
    options?: ReadStreamOptions,
  ): Promise<RecordedEvent<E>[]>;

  /** All events in global order, in pages, lazily. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /**
   * Catch-up then live subscription, push-delivered. Consume with `for await`: the next event is
   * only read once the consumer has handled the previous one (back-pressure).
   */
  subscribeToAll(options?: SubscribeToAllOptions): AsyncIterable<RecordedEvent>;

  /** Global position of the newest event, or undefined when the store is empty. */
  headPosition(): Promise<bigint | undefined>;

  close(): Promise<void>;
}
