import { setTimeout as sleep } from 'node:timers/promises';
import {
  headersOf,
  integrationEnvelopeSchema,
  integrationHeaders,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import { readRecordedEvent, type EventStore, type RecordedEvent } from '@rhythm/event-sourcing';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { errorMessage, silentLogger, type MessagingLogger } from '../messaging-logger';
import type { CheckpointStore } from './checkpoint-store';
import { highestCommittedPosition } from './committed-tail';
import { ReadyBatches } from './ready-batches';
import type { RelayObserver } from './relay-observer';
import type { ParkingReason, RelayParkedEvent, RelayParkingStore } from './relay-parked-events';

export type RelayOptions = Readonly<{
  /** The publishing context, e.g. 'org': names the checkpoint and the transactional id. */
  name: string;
  store: EventStore;
  kafka: Kafka;
  topic: string;
  /** Only streams whose id starts with one of these; omit for all. */
  streamPrefixes?: readonly string[];
  /** Domain event → integration event; undefined keeps an internal event off Kafka. */
  map: (recorded: RecordedEvent) => IntegrationEnvelope | undefined;
  checkpointStore: CheckpointStore;
  logger?: MessagingLogger;
  /** Events per Kafka transaction at most. Default 500. */
  batchSize?: number;
  observer?: RelayObserver;
  /** Default `rhythm-relay-<name>`; one per relay: a new instance fences the previous one. */
  transactionalId?: string;
  /** Broker aborts a transaction its producer left open this long. Default 60 s. */
  transactionTimeoutMs?: number;
  /** First delay before restarting after a failure; doubles up to 4 s. Default 500 ms. */
  restartDelayMs?: number;
  /**
   * Where an event that cannot be published (its mapping throws, its envelope or data breaks the
   * contract) is parked, with the later events of its stream behind it, while the relay goes on.
   * Without it such an event stops the relay, which restarts on it again and again.
   */
  parking?: RelayParkingStore;
}>;

export type Relay = Readonly<{
  /** Finishes the batch in flight (publish and checkpoint), then closes the producer. */
  stop: () => Promise<void>;
  /** Global position of the last event published (or skipped as internal) and checkpointed. */
  position: () => bigint | undefined;
  /** Events parked now (readiness reports them as degraded); 0 without a parking store. */
  parked: () => Promise<number>;
}>;

/**
 * Starts the event store → Kafka relay: resolves once it is connected and knows where to resume
 * (so a misconfiguration fails the boot), then publishes in the background until stopped.
 * Every event the store holds reaches the topic exactly once: see docs/adr/0004.
 */
export const startRelay = async (options: RelayOptions): Promise<Relay> => {
  const relay = new EventRelay(options);
  await relay.start();
  return { stop: () => relay.stop(), position: () => relay.position, parked: () => relay.parked() };
};

type Session = { producer: Producer; position: bigint | undefined };

// A broker or store that comes back is used again within this long (ADR 0028: consumers and the
// relay resume within 5 s); a retry costs one connection attempt.
const maxRestartDelayMs = 4_000;

class EventRelay {
  position: bigint | undefined;
  private readonly logger: MessagingLogger;
  private readonly batchSize: number;
  private session: Session | undefined;
  private stopping = false;
  private readonly stopRequested = new AbortController();
  private running: Promise<void> = Promise.resolve();
  /** Streams with a parked event (the first one's position): their later events park behind. */
  private parkedStreams = new Map<string, bigint>();

  constructor(private readonly options: RelayOptions) {
    this.logger = options.logger ?? silentLogger;
    this.batchSize = options.batchSize ?? 500;
  }

  async start(): Promise<void> {
    this.session = await this.openSession();
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopRequested.abort();
    await this.running;
  }

  async parked(): Promise<number> {
    const { parking, name } = this.options;
    const count = parking ? await parking.count(name) : 0;
    this.options.observer?.parked?.({ relay: name, newlyParked: 0, parkedNow: count });
    return count;
  }

  private async run(): Promise<void> {
    const initialDelay = this.options.restartDelayMs ?? 500;
    let delay = initialDelay;
    while (!this.stopping) {
      try {
        this.session ??= await this.openSession();
        await this.publishFrom(this.session);
        delay = initialDelay;
      } catch (error) {
        await this.closeSession();
        if (this.stopping) break;
        this.logger.error(
          { relay: this.options.name, error: errorMessage(error), restartInMs: delay },
          'Relay failed; restarting from the recovered position',
        );
        this.options.observer?.failed?.({ relay: this.options.name, error, restartInMs: delay });
        // Ended early by stop(); unref: a pending restart alone does not keep a process alive.
        await sleep(delay, undefined, { signal: this.stopRequested.signal, ref: false }).catch(
          () => undefined,
        );
        delay = Math.min(delay * 2, maxRestartDelayMs);
      }
    }
    await this.closeSession();
  }

  /**
   * Fences any previous incarnation, then resumes after the later of the PostgreSQL checkpoint and
   * the last event found in committed Kafka transactions (a crash can fall between the two).
   */
  private async openSession(): Promise<Session> {
    const { name, kafka, topic, checkpointStore } = this.options;
    const producer = kafka.producer({
      transactionalId: this.options.transactionalId ?? `rhythm-relay-${name}`,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      transactionTimeout: this.options.transactionTimeoutMs ?? 60_000,
      createPartitioner: Partitioners.DefaultPartitioner,
      // A transaction begun right after a commit meets CONCURRENT_TRANSACTIONS while the broker
      // writes the markers; retry that soon, as the Java client does (20 ms), not after 300 ms.
      retry: { initialRetryTime: 20, maxRetryTime: 2_000, retries: 10 },
    });
    await producer.connect();
    try {
      // Initialising the producer id aborts (or completes) whatever transaction a previous
      // incarnation left open and fences it, so the tail read below is final.
      const fence = await producer.transaction();
      await fence.abort();

      const saved = await checkpointStore.load(name);
      const published = await highestCommittedPosition(kafka, topic, {
        window: this.batchSize * 2 + 16,
        // Under the context's own consumer groups, which its principal may use (ADR 0035).
        groupPrefix: `rhythm-${name}.relay-tail`,
      });
      let position = saved;
      if (published !== undefined && (saved === undefined || published > saved)) {
        position = published;
        await checkpointStore.save(name, published);
      }
      this.position = position;
      this.parkedStreams =
        (await this.options.parking?.parkedStreams(name)) ?? new Map<string, bigint>();
      this.logger.info(
        {
          relay: name,
          topic,
          checkpoint: saved?.toString(),
          lastPublished: published?.toString(),
          resumeAfter: position?.toString(),
        },
        'Relay recovered its position',
      );
      this.options.observer?.recovered?.({ relay: name, position });
      return { producer, position };
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private async publishFrom(session: Session): Promise<void> {
    const subscription = new AbortController();
    const events = this.options.store.subscribeToAll({
      after: session.position,
      streamPrefixes: this.options.streamPrefixes,
      signal: subscription.signal,
    });
    const batches = new ReadyBatches(events[Symbol.asyncIterator]());
    try {
      for (;;) {
        const batch = await batches.next(this.batchSize, this.stopRequested.signal);
        if (batch.length === 0) {
          if (this.stopping) return;
          throw new Error('The event store subscription ended');
        }
        await this.publish(session, batch);
        if (this.stopping) return;
      }
    } finally {
      subscription.abort();
      batches.close();
    }
  }

  /**
   * One Kafka transaction per batch; the checkpoint only after the broker committed it. What
   * cannot be published is parked first, so a crash before the checkpoint parks it again (a no-op)
   * rather than losing it.
   */
  private async publish(session: Session, batch: readonly RecordedEvent[]): Promise<void> {
    const started = Date.now();
    const messages: Message[] = [];
    const toPark: Array<Readonly<{ event: RecordedEvent; reason: ParkingReason }>> = [];
    const stillParked = new Set<string>();
    for (const recorded of batch) {
      let message: Message;
      try {
        const envelope = this.options.map(recorded);
        if (envelope === undefined) continue;
        message = toMessage(recorded, envelope);
      } catch (error) {
        if (!this.options.parking) throw error;
        toPark.push({ event: recorded, reason: { error } });
        if (!this.parkedStreams.has(recorded.streamId)) {
          this.parkedStreams.set(recorded.streamId, recorded.globalPosition);
        }
        stillParked.add(recorded.streamId);
        continue;
      }
      const behind = await this.parkedBefore(recorded, stillParked);
      if (behind === undefined) messages.push(message);
      else toPark.push({ event: recorded, reason: { behind } });
    }
    if (toPark.length > 0) await this.park(toPark);
    const last = batch[batch.length - 1];
    const progress = { relay: this.options.name, position: last.globalPosition };
    if (messages.length > 0) {
      const transaction = await session.producer.transaction();
      try {
        await transaction.send({ topic: this.options.topic, messages, acks: -1 });
        this.options.observer?.transactionSent?.(progress);
        await transaction.commit();
        this.options.observer?.transactionCommitted?.(progress);
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        throw error;
      }
    }
    session.position = last.globalPosition;
    this.position = last.globalPosition;
    await this.options.checkpointStore.save(this.options.name, last.globalPosition);
    this.options.observer?.batchPublished?.({
      relay: this.options.name,
      events: batch.length,
      published: messages.length,
      position: last.globalPosition,
      lagMs: Date.now() - last.recordedAt.getTime(),
      durationMs: Date.now() - started,
    });
  }

  /**
   * The first parked event of this event's stream, if one is parked before it: publishing it
   * would overtake that event, and consumers' stream guards would then ignore the replay.
   */
  private async parkedBefore(
    recorded: RecordedEvent,
    stillParked: Set<string>,
  ): Promise<bigint | undefined> {
    const first = this.parkedStreams.get(recorded.streamId);
    if (first === undefined || first > recorded.globalPosition) return undefined;
    if (stillParked.has(recorded.streamId)) return first;
    // A replay may have published the stream's parked events since.
    if (await this.options.parking!.isStreamParked(this.options.name, recorded.streamId)) {
      stillParked.add(recorded.streamId);
      return first;
    }
    this.parkedStreams.delete(recorded.streamId);
    return undefined;
  }

  private async park(
    events: readonly Readonly<{ event: RecordedEvent; reason: ParkingReason }>[],
  ): Promise<void> {
    const { name, parking } = this.options;
    const newlyParked = await parking!.park(name, events);
    for (const { event, reason } of events) {
      this.logger.error(
        {
          relay: name,
          position: event.globalPosition.toString(),
          streamId: event.streamId,
          tenantId: event.metadata.tenantId,
          eventType: event.type,
          ...('error' in reason
            ? { error: errorMessage(reason.error) }
            : { behind: reason.behind.toString() }),
        },
        'Relay parked an event it cannot publish; npm run parked -- replay --relay republishes it',
      );
    }
    const parkedNow = await parking!.count(name);
    this.options.observer?.parked?.({ relay: name, newlyParked, parkedNow });
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.producer.disconnect().catch(() => undefined);
  }
}

export type RepublishOptions = Readonly<{
  /** The relay whose parked events to publish, e.g. 'org'. */
  name: string;
  store: EventStore;
  kafka: Kafka;
  topic: string;
  map: (recorded: RecordedEvent) => IntegrationEnvelope | undefined;
  parking: RelayParkingStore;
  checkpointStore: CheckpointStore;
  /** Default `rhythm-relay-<name>-replay`: its own identity, so it never fences the relay. */
  transactionalId?: string;
  onOutcome?: (outcome: RepublishOutcome) => void;
}>;

export type RepublishOutcome = Readonly<{
  event: RelayParkedEvent;
  /** `internal`: the mapping now keeps the event off Kafka; it is released unpublished. */
  outcome: 'published' | 'internal' | 'failed-again' | 'still-behind';
  error?: string;
}>;

/**
 * `npm run parked -- replay --relay <name>`: maps and validates the relay's parked events again
 * (after the fix) and publishes those that pass, stream by stream in revision order, in a Kafka
 * transaction of its own; then releases them. One still bad stays parked with the new error, and
 * its stream's later events stay behind it. Only events the relay has checkpointed past are taken
 * (the batch that parked them has committed), so a replayed event never overtakes one published
 * before it. A crash between the Kafka commit and the release publishes those events again on
 * the next replay; consumers drop the copy by event id (ADR 0005).
 */
export const republishParkedEvents = async (
  options: RepublishOptions,
): Promise<RepublishOutcome[]> => {
  const { name, kafka, topic, parking } = options;
  const outcomes: RepublishOutcome[] = [];
  const report = (outcome: RepublishOutcome) => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  const producer = kafka.producer({
    transactionalId: options.transactionalId ?? `rhythm-relay-${name}-replay`,
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const failedStreams = new Set<string>();
  try {
    // The relay may park more of a stream while this runs (it still sees the stream parked).
    for (let round = 0; round < 5; round++) {
      const checkpoint = await options.checkpointStore.load(name);
      if (checkpoint === undefined) break;
      const parked = (await parking.list(name, checkpoint)).filter(
        (event) => !failedStreams.has(event.streamId),
      );
      const messages: Message[] = [];
      const released: Array<Readonly<{ event: RelayParkedEvent; published: boolean }>> = [];
      for (const streamEvents of byStream(parked)) {
        let failedAt: bigint | undefined;
        for (const event of streamEvents) {
          if (failedAt !== undefined) {
            await parking.stillBehind(name, event.globalPosition, failedAt);
            report({ event, outcome: 'still-behind' });
            continue;
          }
          const recorded = await readRecordedEvent(options.store, event);
          try {
            const envelope = options.map(recorded);
            if (envelope !== undefined) messages.push(toMessage(recorded, envelope));
            released.push({ event, published: envelope !== undefined });
          } catch (error) {
            await parking.failedAgain(name, event.globalPosition, error);
            failedAt = event.globalPosition;
            failedStreams.add(event.streamId);
            report({ event, outcome: 'failed-again', error: errorMessage(error) });
          }
        }
      }
      if (messages.length > 0) {
        const transaction = await producer.transaction();
        try {
          await transaction.send({ topic, messages, acks: -1 });
          await transaction.commit();
        } catch (error) {
          await transaction.abort().catch(() => undefined);
          throw error;
        }
      }
      await parking.release(
        name,
        released.map(({ event }) => event.globalPosition),
      );
      for (const { event, published } of released) {
        report({ event, outcome: published ? 'published' : 'internal' });
      }
      if (released.length === 0) break;
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  return outcomes;
};

/** Parked events grouped by stream, each group in revision order. */
const byStream = (events: readonly RelayParkedEvent[]): RelayParkedEvent[][] => {
  const streams = new Map<string, RelayParkedEvent[]>();
  for (const event of events) {
    streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  }
  return [...streams.values()].map((group) =>
    group.sort((a, b) => a.streamRevision - b.streamRevision),
  );
};

const toMessage = (recorded: RecordedEvent, envelope: IntegrationEnvelope): Message => {
  const checked = integrationEnvelopeSchema.safeParse(envelope);
  if (!checked.success) {
    throw new Error(
      `Mapping ${recorded.type} at ${recorded.globalPosition} gave an invalid envelope: ${checked.error.message}`,
    );
  }
  return {
    key: envelope.streamId,
    value: JSON.stringify(envelope),
    headers: {
      ...headersOf(envelope),
      // Recovery reads this header: it must be the store's position, whatever the mapper did.
      [integrationHeaders.globalPosition]: recorded.globalPosition.toString(),
    },
  };
};
