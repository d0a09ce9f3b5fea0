import {
  WrongExpectedRevision,
  type AppendResult,
  type Event,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from '@rhythm/event-sourcing';

/**
 * An EventStore kept in memory, for tests of code that sits on the event store side only
 * (projections, relays). It honours the port's promises: appends are atomic per call, revisions
 * are checked, global positions start at 1 and increase by one, and subscriptions catch up then
 * follow live appends with back-pressure (one event per `next()`).
 */
export class InMemoryEventStore implements EventStore {
  private readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();
  private readonly waiting = new Set<() => void>();
  private closed = false;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** How many events the store holds. */
  get size(): number {
    return this.events.length;
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    options: Readonly<{ expectedRevision: ExpectedRevision }>,
  ): Promise<AppendResult> {
    this.assertOpen();
    const current = this.revisions.get(streamId);
    const expected = options.expectedRevision;
    const matches =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      (typeof expected === 'number' && expected === current);
    if (!matches) {
      return Promise.reject(new WrongExpectedRevision(streamId, expected, current ?? 'no_stream'));
    }
    if (events.length === 0) {
      return Promise.resolve({
        nextExpectedRevision: current ?? -1,
        lastGlobalPosition: BigInt(this.events.length),
      });
    }
    let revision = current ?? -1;
    const recordedAt = this.clock();
    for (const event of events) {
      revision += 1;
      this.events.push({
        type: event.type,
        data: asJson(event.data),
        metadata: asJson(event.metadata),
        streamId,
        streamRevision: revision,
        globalPosition: BigInt(this.events.length + 1),
        recordedAt,
      });
    }
    this.revisions.set(streamId, revision);
    this.wakeSubscribers();
    return Promise.resolve({
      nextExpectedRevision: revision,
      lastGlobalPosition: BigInt(this.events.length),
    });
  }

  readStream<E extends Event = Event>(
    streamId: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent<E>[]> {
    this.assertOpen();
    const from = options.fromRevision ?? 0;
    const stream = this.events.filter((e) => e.streamId === streamId);
    const untilLater = options.asOf
      ? stream.findIndex((e) => new Date(e.metadata.occurredAt) > options.asOf!)
      : -1;
    const upTo = untilLater === -1 ? stream : stream.slice(0, untilLater);
    const selected = upTo.filter((e) => e.streamRevision >= from);
    // A stream holds what its aggregate appended: the reader names that type.
    return Promise.resolve(
      selected.slice(0, options.maxCount ?? selected.length).map(copyOf) as RecordedEvent<E>[],
    );
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    let index = options.after === undefined ? 0 : Number(options.after);
    const end = this.events.length;
    let delivered = 0;
    while (index < end && delivered < (options.maxCount ?? Infinity)) {
      const event = this.events[index++];
      if (!matchesPrefixes(event, options.streamPrefixes)) continue;
      delivered += 1;
      yield copyOf(event);
      // Let other work run between events, as a paged reader would.
      if (delivered % 100 === 0) await Promise.resolve();
    }
  }

  async *subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    let index = options.after === undefined ? 0 : Number(options.after);
    const signal = options.signal;
    while (!this.closed && !signal?.aborted) {
      if (index < this.events.length) {
        const event = this.events[index++];
        if (matchesPrefixes(event, options.streamPrefixes)) yield copyOf(event);
        continue;
      }
      await this.nextAppend(signal);
    }
  }

  headPosition(): Promise<bigint | undefined> {
    return Promise.resolve(this.events.length === 0 ? undefined : BigInt(this.events.length));
  }

  close(): Promise<void> {
    this.closed = true;
    this.wakeSubscribers();
    return Promise.resolve();
  }

  private nextAppend(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.waiting.delete(wake);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      this.waiting.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  private wakeSubscribers(): void {
    for (const wake of [...this.waiting]) wake();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The in-memory event store is closed');
  }
}

const matchesPrefixes = (event: RecordedEvent, prefixes: readonly string[] | undefined): boolean =>
  prefixes === undefined ||
  prefixes.length === 0 ||
  prefixes.some((prefix) => event.streamId.startsWith(prefix));

/** Stored as a real store stores them: data and metadata as JSON, never shared with the caller. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const copyOf = (event: RecordedEvent): RecordedEvent => ({
  ...event,
  data: asJson(event.data),
  metadata: asJson(event.metadata),
  recordedAt: new Date(event.recordedAt.getTime()),
});
