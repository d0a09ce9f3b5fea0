import type {
  AppendResult,
  Event,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '@rhythm/event-sourcing';
import {
  BACKWARDS,
  END,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  excludeSystemEvents,
  streamNameFilter,
  type Filter,
} from '@kurrent/kurrentdb-client';
import {
  occurredBy,
  toEventData,
  toPosition,
  toRecordedEvent,
  toStreamState,
  translateAppendError,
} from './kurrentdb-event-mapping';

export type KurrentDbEventStoreOptions = Readonly<{
  /** e.g. `kurrentdb://localhost:2113?tls=false` */
  connectionString: string;
}>;

/**
 * KurrentDB adapter of the EventStore port. The global position is the commit position of the
 * event in the transaction log; KurrentDB orders $all by it, so late commits cannot happen here.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly closing = new AbortController();

  constructor(options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: Readonly<{ expectedRevision: ExpectedRevision }>,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`Nothing to append to stream ${streamId}`);
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        streamState: toStreamState(options.expectedRevision),
      });
      if (result.position === undefined) {
        throw new Error(`KurrentDB did not report the position of the append to ${streamId}`);
      }
      return {
        nextExpectedRevision: Number(result.nextExpectedRevision),
        lastGlobalPosition: result.position.commit,
      };
    } catch (error) {
      throw translateAppendError(error, streamId, options.expectedRevision);
    }
  }

  async readStream<E extends Event = Event>(
    streamId: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent<E>[]> {
    // A stream holds what its aggregate appended: the reader names that type.
    const events: RecordedEvent<E>[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: BigInt(options.fromRevision ?? 0),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      })) {
        const event = toRecordedEvent(resolved);
        if (!event) continue;
        if (!occurredBy(event, options.asOf)) break;
        events.push(event as RecordedEvent<E>);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const after = options.after;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    // No prefix matches nothing (the server refuses an empty prefix filter).
    if (remaining <= 0 || options.streamPrefixes?.length === 0) return;
    // The client streams with back-pressure; leaving the loop cancels the read.
    for await (const resolved of this.client.readAll({
      fromPosition: after === undefined ? START : toPosition(after),
      filter: filterFor(options.streamPrefixes),
    })) {
      const event = toRecordedEvent(resolved);
      if (!event || (after !== undefined && event.globalPosition <= after)) continue;
      yield event;
      if (--remaining <= 0) return;
    }
  }

  async *subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<RecordedEvent> {
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.closing.signal])
      : this.closing.signal;
    if (signal.aborted) return;
    if (options.streamPrefixes?.length === 0) {
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return;
    }
    const after = options.after;
    const subscription = this.client.subscribeToAll({
      fromPosition: after === undefined ? START : toPosition(after),
      filter: filterFor(options.streamPrefixes),
    });
    const unsubscribe = () => void subscription.unsubscribe().catch(() => undefined);
    signal.addEventListener('abort', unsubscribe, { once: true });
    try {
      for await (const resolved of subscription) {
        if (signal.aborted) return;
        const event = toRecordedEvent(resolved);
        if (!event || (after !== undefined && event.globalPosition <= after)) continue;
        yield event;
      }
    } catch (error) {
      // Unsubscribing cancels the call: that is how an aborted subscription ends.
      if (!signal.aborted) throw error;
    } finally {
      signal.removeEventListener('abort', unsubscribe);
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  async headPosition(): Promise<bigint | undefined> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter: excludeSystemEvents(),
    })) {
      return resolved.event?.position.commit ?? resolved.commitPosition;
    }
    return undefined;
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.client.dispose();
  }
}

export const createKurrentDbEventStore = (
  options: KurrentDbEventStoreOptions,
): KurrentDbEventStore => new KurrentDbEventStore(options);

/** Server-side filter: our streams by prefix, and never system events. */
export const filterFor = (streamPrefixes: readonly string[] | undefined): Filter =>
  streamPrefixes === undefined
    ? excludeSystemEvents()
    : streamNameFilter({ prefixes: [...streamPrefixes] });
