import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { checkinsIntegrationEvents, ContractRegistry, deadLetterTopicFor } from '@rhythm/contracts';
import {
  ensureTopics,
  IntegrationEventsModule,
  MongooseInboxStore,
  type RetryPolicy,
} from '@rhythm/messaging';
import { ServiceLogger } from '@rhythm/operability';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { GoalsConfiguration } from '../goals-configuration';
import { GOALS_CONFIGURATION, GOALS_KAFKA, GOALS_READ_STORE } from '../infrastructure/goals-tokens';
import { checkInFeedConsumer } from './check-in-feed.consumer';
import { CheckInProgress } from './check-in-progress';
import { CheckInRefusals } from './check-in-refusals';

export type CheckInFeedOptions = Readonly<{
  /** Inbox collection in the goals read store. Default `inbox` (shared, scoped by consumer). */
  inboxCollection?: string;
  retry?: Partial<RetryPolicy>;
}>;

const CHECK_IN_FEED_OPTIONS = Symbol('CheckInFeedOptions');

/** The topics exist and the indexes are built before the microservice subscribes. */
@Injectable()
class CheckInFeedStores implements OnApplicationBootstrap {
  constructor(
    @Inject(GOALS_KAFKA) private readonly kafka: Kafka,
    @Inject(GOALS_READ_STORE) private readonly readStore: Connection,
    @Inject(GOALS_CONFIGURATION)
    private readonly config: Pick<GoalsConfiguration, 'CHECKINS_EVENTS_TOPIC'>,
    @Inject(CHECK_IN_FEED_OPTIONS) private readonly options: CheckInFeedOptions,
    @Inject(CheckInRefusals) private readonly refusals: CheckInRefusals,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const topic = this.config.CHECKINS_EVENTS_TOPIC;
    const inbox = new MongooseInboxStore(this.readStore, {
      collection: this.options.inboxCollection ?? 'inbox',
    });
    await Promise.all([inbox.ensureIndexes(), this.refusals.ensureIndexes()]);
    // The stack provisions them (libs/kafka-access); a bare broker gets them here.
    await ensureTopics(this.kafka, [topic, deadLetterTopicFor(topic)]);
  }
}

/**
 * Check-ins from `rhythm.checkins.events` become key results' current values (ADR 0037). Needs
 * GOALS_EVENT_STORE, GOALS_READ_STORE, GOALS_KAFKA, GOALS_CLOCK and GOALS_CONFIGURATION from the
 * (global) goals infrastructure; the app connects the Kafka microservice (check-in-feed.microservice.ts).
 */
@Module({})
export class CheckInFeedModule {
  static forRoot(
    config: Pick<GoalsConfiguration, 'CHECKINS_EVENTS_TOPIC'>,
    options: CheckInFeedOptions = {},
  ): DynamicModule {
    return {
      module: CheckInFeedModule,
      imports: [
        IntegrationEventsModule.forRootAsync({
          inject: [GOALS_READ_STORE, ServiceLogger],
          useFactory: (readStore: Connection, logger: ServiceLogger) => ({
            registry: ContractRegistry.of(checkinsIntegrationEvents),
            store: new MongooseInboxStore(readStore, {
              collection: options.inboxCollection ?? 'inbox',
            }),
            logger: logger.pino,
            ...(options.retry ? { retry: options.retry } : {}),
          }),
        }),
      ],
      controllers: [checkInFeedConsumer(config.CHECKINS_EVENTS_TOPIC)],
      providers: [
        { provide: CHECK_IN_FEED_OPTIONS, useValue: options },
        {
          provide: CheckInRefusals,
          useFactory: (readStore: Connection) => new CheckInRefusals(readStore),
          inject: [GOALS_READ_STORE],
        },
        CheckInProgress,
        CheckInFeedStores,
      ],
      exports: [CheckInRefusals],
    };
  }
}
