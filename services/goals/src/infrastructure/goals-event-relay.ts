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
import {
  toGoalsIntegrationEvent,
  type GoalsEvent,
} from '../application/goals-integration-events.mapper';
import type { GoalsConfiguration } from '../goals-configuration';
import { GOALS_CONFIGURATION, GOALS_EVENT_STORE, GOALS_KAFKA } from './goals-tokens';

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
  private readonly relay: ContextRelay;

  constructor(
    @Inject(GOALS_EVENT_STORE) store: EventStore,
    @Inject(GOALS_KAFKA) kafka: Kafka,
    @Inject(GOALS_CONFIGURATION) config: GoalsConfiguration,
    logger: ServiceLogger,
  ) {
    this.relay = new ContextRelay({
      context: 'goals',
      store,
      kafka,
      topic: config.GOALS_EVENTS_TOPIC,
      streamPrefixes: publishedGoalsStreamPrefixes,
      map: (recorded) => toGoalsIntegrationEvent(recorded as RecordedEvent<GoalsEvent>),
      databaseUrl: config.DATABASE_URL,
      databaseOwnerUrl: config.DATABASE_OWNER_URL,
      schema: config.GOALS_EVENT_STORE_SCHEMA,
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
