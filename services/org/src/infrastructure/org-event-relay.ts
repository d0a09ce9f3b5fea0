import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { ContextRelay } from '@rhythm/messaging';
import { metricsRegistry, ServiceLogger, type Drainable } from '@rhythm/operability';
import type { Kafka } from 'kafkajs';
import { toOrgIntegrationEvent } from '../application/org-integration-events.mapper';
import { orgStreamPrefixes, type OrgEvent } from '../org-domain';
import type { OrgConfiguration } from '../org-configuration';
import { ORG_CONFIGURATION, ORG_EVENT_STORE, ORG_KAFKA } from './org-tokens';

/**
 * The event store is the outbox: this relay publishes every org event, mapped to its integration
 * event, to the org topic exactly once (Kafka transactions; ADR 0004), from inside the service.
 */
@Injectable()
export class OrgEventRelay implements OnApplicationBootstrap, BeforeApplicationShutdown, Drainable {
  readonly name = 'org-relay';
  private readonly relay: ContextRelay;

  constructor(
    @Inject(ORG_EVENT_STORE) store: EventStore,
    @Inject(ORG_KAFKA) kafka: Kafka,
    @Inject(ORG_CONFIGURATION) config: OrgConfiguration,
    logger: ServiceLogger,
  ) {
    this.relay = new ContextRelay({
      context: 'org',
      store,
      kafka,
      topic: config.ORG_EVENTS_TOPIC,
      streamPrefixes: orgStreamPrefixes,
      map: (recorded) => toOrgIntegrationEvent(recorded as RecordedEvent<OrgEvent>),
      databaseUrl: config.DATABASE_URL,
      databaseOwnerUrl: config.DATABASE_OWNER_URL,
      schema: config.ORG_EVENT_STORE_SCHEMA,
      logger: logger.pino,
      metrics: metricsRegistry,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  /** Global position of the last event published. */
  position(): bigint | undefined {
    return this.relay.position();
  }

  /** Finishes the batch in flight; once, whether the shutdown sequence or app.close() asks. */
  drain(): Promise<void> {
    return this.relay.stop();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }
}
