import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import {
  ensureTopics,
  PostgresCheckpointStore,
  relayMetrics,
  startRelay,
  type Relay,
  type RelayObserver,
} from '@rhythm/messaging';
import { metricsRegistry, ServiceLogger, type Drainable } from '@rhythm/operability';
import type { Kafka } from 'kafkajs';
import {
  toGoalsIntegrationEvent,
  type GoalsEvent,
} from '../application/goals-integration-events.mapper';
import type { GoalsConfiguration } from '../goals-configuration';
import { GOALS_CONFIGURATION, GOALS_EVENT_STORE, GOALS_KAFKA } from './goals-tokens';

// Prometheus metrics exist once per process, however many apps a test boots.
let observer: RelayObserver | undefined;

/** Streams published on the goals topic: personal ambitions stay in the service (ADR 0021). */
export const publishedGoalsStreamPrefixes = ['cycle-', 'objective-', 'proposal-'] as const;

/**
 * The event store is the outbox: this relay publishes every goals event, mapped to its
 * integration event, to the goals topic exactly once (Kafka transactions; ADR 0004), from inside
 * the service.
 */
@Injectable()
export class GoalsEventRelay
  implements OnApplicationBootstrap, BeforeApplicationShutdown, Drainable
{
  readonly name = 'goals-relay';
  private relay: Relay | undefined;
  private drained: Promise<void> | undefined;
  private readonly checkpoints: PostgresCheckpointStore;

  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(GOALS_KAFKA) private readonly kafka: Kafka,
    @Inject(GOALS_CONFIGURATION) private readonly config: GoalsConfiguration,
    private readonly logger: ServiceLogger,
  ) {
    // Beside the event store, in its schema (relay_checkpoints).
    this.checkpoints = new PostgresCheckpointStore({
      connectionString: config.DATABASE_URL,
      schema: config.GOALS_EVENT_STORE_SCHEMA,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const topic = this.config.GOALS_EVENTS_TOPIC;
    await ensureTopics(this.kafka, [topic]);
    await this.checkpoints.migrate();
    observer ??= relayMetrics(metricsRegistry);
    this.relay = await startRelay({
      name: 'goals',
      store: this.store,
      kafka: this.kafka,
      topic,
      streamPrefixes: publishedGoalsStreamPrefixes,
      map: (recorded) => toGoalsIntegrationEvent(recorded as RecordedEvent<GoalsEvent>),
      checkpointStore: this.checkpoints,
      logger: this.logger.pino,
      observer,
      // One producer identity per store: a restarted instance fences the previous one.
      transactionalId: `rhythm-relay-goals-${this.config.GOALS_EVENT_STORE_SCHEMA}`,
    });
  }

  /** Global position of the last event published. */
  position(): bigint | undefined {
    return this.relay?.position();
  }

  /** Finishes the batch in flight; once, whether the shutdown sequence or app.close() asks. */
  drain(): Promise<void> {
    this.drained ??= (async () => {
      await this.relay?.stop();
      await this.checkpoints.close();
    })();
    return this.drained;
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }
}
