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
import { toOrgIntegrationEvent } from '../application/org-integration-events.mapper';
import { orgStreamPrefixes, type OrgEvent } from '../org-domain';
import type { OrgConfiguration } from '../org-configuration';
import { ORG_CONFIGURATION, ORG_EVENT_STORE, ORG_KAFKA } from './org-tokens';

// Prometheus metrics exist once per process, however many apps a test boots.
let observer: RelayObserver | undefined;

/**
 * The event store is the outbox: this relay publishes every org event, mapped to its integration
 * event, to the org topic exactly once (Kafka transactions; ADR 0004), from inside the service.
 */
@Injectable()
export class OrgEventRelay implements OnApplicationBootstrap, BeforeApplicationShutdown, Drainable {
  readonly name = 'org-relay';
  private relay: Relay | undefined;
  private drained: Promise<void> | undefined;
  private readonly checkpoints: PostgresCheckpointStore;

  constructor(
    @Inject(ORG_EVENT_STORE) private readonly store: EventStore,
    @Inject(ORG_KAFKA) private readonly kafka: Kafka,
    @Inject(ORG_CONFIGURATION) private readonly config: OrgConfiguration,
    private readonly logger: ServiceLogger,
  ) {
    // Beside the event store, in its schema (relay_checkpoints).
    this.checkpoints = new PostgresCheckpointStore({
      connectionString: config.DATABASE_URL,
      schema: config.ORG_EVENT_STORE_SCHEMA,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const topic = this.config.ORG_EVENTS_TOPIC;
    await ensureTopics(this.kafka, [topic]);
    await this.checkpoints.migrate();
    observer ??= relayMetrics(metricsRegistry);
    this.relay = await startRelay({
      name: 'org',
      store: this.store,
      kafka: this.kafka,
      topic,
      streamPrefixes: orgStreamPrefixes,
      map: (recorded) => toOrgIntegrationEvent(recorded as RecordedEvent<OrgEvent>),
      checkpointStore: this.checkpoints,
      logger: this.logger.pino,
      observer,
      // One producer identity per store: a restarted instance fences the previous one.
      transactionalId: `rhythm-relay-org-${this.config.ORG_EVENT_STORE_SCHEMA}`,
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
