import {
  headersOf,
  integrationEnvelopeSchema,
  integrationHeaders,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { errorMessage, silentLogger, type MessagingLogger } from '../messaging-logger';
import type { CheckpointStore } from './checkpoint-store';
import { highestCommittedPosition } from './committed-tail';
import { ReadyBatches } from './ready-batches';
import type { RelayObserver } from './relay-observer';

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
  /** First delay before restarting after a failure; doubles up to 30 s. Default 500 ms. */
  restartDelayMs?: number;
}>;

export type Relay = Readonly<{
  /** Finishes the batch in flight (publish and checkpoint), then closes the producer. */
  stop: () => Promise<void>;
  /** Global position of the last event published (or skipped as internal) and checkpointed. */
  position: () => bigint | undefined;
}>;

/**
 * Starts the event store → Kafka relay: resolves once it is connected and knows where to resume
 * (so a misconfiguration fails the boot), then publishes in the background until stopped.
 * Every event the store holds reaches the topic exactly once: see docs/adr/0004.
 */
export const startRelay = async (options: RelayOptions): Promise<Relay> => {
  const relay = new EventRelay(options);
  await relay.start();
  return { stop: () => relay.stop(), position: () => relay.position };
};

type Session = { producer: Producer; position: bigint | undefined };

const maxRestartDelayMs = 30_000;

class EventRelay {
  position: bigint | undefined;
  private readonly logger: MessagingLogger;
  private readonly batchSize: number;
  private session: Session | undefined;
  private stopping = false;
  private requestStop: () => void = () => undefined;
  private readonly stopRequested = new Promise<void>((resolve) => (this.requestStop = resolve));
  private running: Promise<void> = Promise.resolve();

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
    this.requestStop();
    await this.running;
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
        await Promise.race([this.stopRequested, sleep(delay)]);
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
      });
      let position = saved;
      if (published !== undefined && (saved === undefined || published > saved)) {
        position = published;
        await checkpointStore.save(name, published);
      }
      this.position = position;
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
        const batch = await batches.next(this.batchSize, this.stopRequested);
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

  /** One Kafka transaction per batch; the checkpoint only after the broker committed it. */
  private async publish(session: Session, batch: readonly RecordedEvent[]): Promise<void> {
    const started = Date.now();
    const messages: Message[] = [];
    for (const recorded of batch) {
      const envelope = this.options.map(recorded);
      if (envelope !== undefined) messages.push(toMessage(recorded, envelope));
    }
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

  private async closeSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.producer.disconnect().catch(() => undefined);
  }
}

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

// unref: a pending restart must not keep a stopping process alive.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
