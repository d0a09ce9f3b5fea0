import type { IntegrationEnvelope } from '@rhythm/contracts';
import { postgresLease, type Lease, type PostgresLeaseOptions } from '@rhythm/coordination';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { noted, type HealthCheck } from '@rhythm/operability';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { ensureTopics } from '../kafka/kafka-topics';
import type { MessagingLogger } from '../messaging-logger';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { startRelay, type Relay } from './relay';
import { parkedEventsHealthCheck, PostgresRelayParking } from './relay-parked-events';
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
  /** Tests: a faster poll and check than the lease's one-second defaults. */
  lease?: Pick<PostgresLeaseOptions, 'pollIntervalMs' | 'checkIntervalMs'>;
}>;

// Prometheus metrics exist once per registry, however many apps a process (a test) boots.
const observers = new WeakMap<Registry, RelayObserver>();
const observerFor = (registry: Registry): RelayObserver => {
  const observer = observers.get(registry) ?? relayMetrics(registry);
  observers.set(registry, observer);
  return observer;
};

/**
 * A context's relay as a service runs it: on one replica at a time, under the lease
 * `relay:<context>:<schema>` (ADR 0027); the others stand by and take over when it dies or stops.
 * The holder ensures the topic, migrates the checkpoint and parking tables in the event store's
 * schema and publishes with one producer identity per store (a new holder fences the previous
 * one). Stopping runs once however many times shutdown asks.
 */
export class ContextRelay {
  readonly name: string;
  readonly lease: Lease;
  private relay: Relay | undefined;
  private stopped: Promise<void> | undefined;
  private readonly checkpoints: PostgresCheckpointStore;
  private readonly parking: PostgresRelayParking;

  constructor(private readonly options: ContextRelayOptions) {
    this.name = `${options.context}-relay`;
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
    this.lease = postgresLease({
      name: `relay:${options.context}:${options.schema}`,
      connectionString: options.databaseUrl,
      logger: options.logger,
      metrics: options.metrics,
      ...options.lease,
    });
  }

  /** Resolves once this replica publishes or stands by; fails if it holds the lease but cannot start. */
  start(): Promise<void> {
    return this.lease.start(async () => {
      const { context, topic, schema } = this.options;
      await ensureTopics(this.options.kafka, [topic]);
      await this.checkpoints.migrate();
      await this.parking.migrate();
      const relay = await startRelay({
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
      this.relay = relay;
      return {
        stop: async () => {
          await relay.stop();
          if (this.relay === relay) this.relay = undefined;
        },
      };
    });
  }

  /** Global position of the last event published, while this replica publishes. */
  position(): bigint | undefined {
    return this.relay?.position();
  }

  /** Events parked now: a readiness check reports them (`parkedEventsHealthCheck`). */
  parked(): Promise<number> {
    return this.relay?.parked() ?? Promise.resolve(0);
  }

  /** Ready while publishing (degraded with parked events) and while standing by. */
  healthCheck(): HealthCheck {
    const parked = parkedEventsHealthCheck(this.name, () => this.parked());
    return {
      name: this.name,
      check: () =>
        this.lease.state === 'held'
          ? parked.check()
          : Promise.resolve(noted(this.lease.describe())),
    };
  }

  /** Finishes the batch in flight and releases the lease, then closes the stores. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      await this.lease.stop();
      await this.checkpoints.close();
      await this.parking.close();
    })();
    return this.stopped;
  }

  /** For the shutdown sequence (a Drainable). */
  drain(): Promise<void> {
    return this.stop();
  }
}
