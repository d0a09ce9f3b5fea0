import type { IntegrationEnvelope } from '@rhythm/contracts';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { ensureTopics } from '../kafka/kafka-topics';
import type { MessagingLogger } from '../messaging-logger';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { startRelay, type Relay } from './relay';
import { PostgresRelayParking } from './relay-parked-events';
import { relayMetrics, type RelayObserver } from './relay-observer';

export type ContextRelayOptions = Readonly<{
  /** The publishing context, e.g. 'org'. */
  context: string;
  store: EventStore;
  kafka: Kafka;
  topic: string;
  streamPrefixes: readonly string[];
  map: (recorded: RecordedEvent) => IntegrationEnvelope | undefined;
  /** The event store's database and schema: the checkpoint lives beside the events. */
  databaseUrl: string;
  /** The schema owner's role, which creates the relay's tables (docs/adr/0029); default databaseUrl. */
  databaseOwnerUrl?: string;
  schema: string;
  logger: MessagingLogger;
  metrics: Registry;
}>;

// Prometheus metrics exist once per registry, however many apps a process (a test) boots.
const observers = new WeakMap<Registry, RelayObserver>();
const observerFor = (registry: Registry): RelayObserver => {
  const observer = observers.get(registry) ?? relayMetrics(registry);
  observers.set(registry, observer);
  return observer;
};

/**
 * A context's relay as a service runs it: its topic ensured, its checkpoint table migrated in
 * the event store's schema, one producer identity per store (a restarted instance fences the
 * previous one), and a stop that runs once however many times shutdown asks.
 */
export class ContextRelay {
  private relay: Relay | undefined;
  private stopped: Promise<void> | undefined;
  private readonly checkpoints: PostgresCheckpointStore;
  private readonly parking: PostgresRelayParking;

  constructor(private readonly options: ContextRelayOptions) {
    this.checkpoints = new PostgresCheckpointStore({
      connectionString: options.databaseUrl,
      ownerConnectionString: options.databaseOwnerUrl,
      schema: options.schema,
    });
    // Beside the checkpoint: what this relay could not publish (ADR 0026).
    this.parking = new PostgresRelayParking({
      connectionString: options.databaseUrl,
      ownerConnectionString: options.databaseOwnerUrl,
      schema: options.schema,
    });
  }

  async start(): Promise<void> {
    const { context, topic, schema } = this.options;
    await ensureTopics(this.options.kafka, [topic]);
    await this.checkpoints.migrate();
    await this.parking.migrate();
    this.relay = await startRelay({
      name: context,
      store: this.options.store,
      kafka: this.options.kafka,
      topic,
      streamPrefixes: this.options.streamPrefixes,
      map: this.options.map,
      checkpointStore: this.checkpoints,
      logger: this.options.logger,
      observer: observerFor(this.options.metrics),
      transactionalId: `rhythm-relay-${context}-${schema}`,
      parking: this.parking,
    });
  }

  /** Global position of the last event published. */
  position(): bigint | undefined {
    return this.relay?.position();
  }

  /** Events parked now: a readiness check reports them (`parkedEventsHealthCheck`). */
  parked(): Promise<number> {
    return this.relay?.parked() ?? Promise.resolve(0);
  }

  /** Finishes the batch in flight, then closes the producer and the checkpoint store. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      await this.relay?.stop();
      await this.checkpoints.close();
      await this.parking.close();
    })();
    return this.stopped;
  }
}
