import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type INestApplication,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  ContractRegistry,
  deadLetterTopicFor,
  goalsIntegrationEvents,
  orgIntegrationEvents,
} from '@rhythm/contracts';
import { PERSON_REGISTRY, type PersonRegistry } from '@rhythm/identity';
import { kafkaConnectionOf } from '@rhythm/kafka-access';
import {
  connectKafkaHandlers,
  ensureTopics,
  IntegrationEventsModule,
  MongooseInboxStore,
  type RetryPolicy,
} from '@rhythm/messaging';
import {
  GoalsDirectoryProjector,
  GoalsDirectoryReader,
  GoalsDirectoryStore,
} from '@rhythm/goals-directory';
import { ServiceLogger } from '@rhythm/operability';
import {
  OrgDirectoryChanges,
  OrgDirectoryProjector,
  OrgDirectoryReader,
  OrgDirectoryStore,
} from '@rhythm/org-directory';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { GOALS_KNOWLEDGE, ORG_KNOWLEDGE } from '../application/checkins-directory.port';
import type { CheckinsConfiguration } from '../checkins-configuration';
import {
  CHECKINS_CONFIGURATION,
  CHECKINS_KAFKA,
  CHECKINS_READ_STORE,
} from '../infrastructure/checkins-tokens';
import {
  directoryConsumer,
  GOALS_DIRECTORY_PROJECTOR,
  ORG_DIRECTORY_PROJECTOR,
} from './directory.consumer';

export type DirectoryOptions = Readonly<{
  /** Inbox collection in the checkins read store. Default `inbox` (shared, scoped by consumer). */
  inboxCollection?: string;
  retry?: Partial<RetryPolicy>;
}>;

const DIRECTORY_OPTIONS = Symbol('DirectoryOptions');

/** Indexes are built and the topics exist before the microservice subscribes. */
@Injectable()
class DirectoryStores implements OnApplicationBootstrap {
  constructor(
    @Inject(CHECKINS_KAFKA) private readonly kafka: Kafka,
    @Inject(CHECKINS_READ_STORE) private readonly readStore: Connection,
    @Inject(CHECKINS_CONFIGURATION)
    private readonly config: Pick<CheckinsConfiguration, 'ORG_EVENTS_TOPIC' | 'GOALS_EVENTS_TOPIC'>,
    @Inject(DIRECTORY_OPTIONS) private readonly options: DirectoryOptions,
    @Inject(OrgDirectoryStore) private readonly org: OrgDirectoryStore,
    @Inject(GoalsDirectoryStore) private readonly goals: GoalsDirectoryStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const inbox = new MongooseInboxStore(this.readStore, {
      collection: this.options.inboxCollection ?? 'inbox',
    });
    await Promise.all([
      inbox.ensureIndexes(),
      this.org.ensureIndexes(),
      this.goals.ensureIndexes(),
    ]);
    const topics = [this.config.ORG_EVENTS_TOPIC, this.config.GOALS_EVENTS_TOPIC];
    // The stack provisions them (libs/kafka-access); a bare broker gets them here.
    await ensureTopics(this.kafka, [...topics, ...topics.map(deadLetterTopicFor)]);
  }
}

/**
 * What the checkins service knows of the organisation and its goals, from the org and goals
 * topics only (issue 9, item 3; ADR 0022's way): the org directory of `@rhythm/org-directory`
 * and the goals directory of this folder, fed by one consumer group on the Nest Kafka transport.
 * Provides ORG_KNOWLEDGE and GOALS_KNOWLEDGE (and the readers); global, for commands, queries
 * and the scheduler alike.
 */
@Module({})
export class DirectoryModule {
  static forRoot(
    config: Pick<CheckinsConfiguration, 'ORG_EVENTS_TOPIC' | 'GOALS_EVENTS_TOPIC'>,
    options: DirectoryOptions = {},
  ): DynamicModule {
    return {
      module: DirectoryModule,
      global: true,
      imports: [
        IntegrationEventsModule.forRootAsync({
          inject: [CHECKINS_READ_STORE, ServiceLogger],
          useFactory: (readStore: Connection, logger: ServiceLogger) => ({
            registry: ContractRegistry.of(orgIntegrationEvents, goalsIntegrationEvents),
            store: new MongooseInboxStore(readStore, {
              collection: options.inboxCollection ?? 'inbox',
            }),
            logger: logger.pino,
            ...(options.retry ? { retry: options.retry } : {}),
          }),
        }),
      ],
      controllers: [directoryConsumer(config.ORG_EVENTS_TOPIC, config.GOALS_EVENTS_TOPIC)],
      providers: [
        { provide: DIRECTORY_OPTIONS, useValue: options },
        {
          provide: OrgDirectoryStore,
          useFactory: (connection: Connection) => new OrgDirectoryStore(connection),
          inject: [CHECKINS_READ_STORE],
        },
        { provide: OrgDirectoryChanges, useValue: new OrgDirectoryChanges() },
        {
          provide: ORG_DIRECTORY_PROJECTOR,
          useFactory: (store: OrgDirectoryStore, changes: OrgDirectoryChanges) =>
            new OrgDirectoryProjector(store, changes),
          inject: [OrgDirectoryStore, OrgDirectoryChanges],
        },
        {
          provide: OrgDirectoryReader,
          useFactory: (store: OrgDirectoryStore, changes: OrgDirectoryChanges) =>
            new OrgDirectoryReader(store, changes),
          inject: [OrgDirectoryStore, OrgDirectoryChanges],
        },
        { provide: ORG_KNOWLEDGE, useExisting: OrgDirectoryReader },
        // Who may act here: the people of the organisation, joined and not left (ADR 0032).
        {
          provide: PERSON_REGISTRY,
          useFactory: (reader: OrgDirectoryReader): PersonRegistry => ({
            isPerson: (tenantId, personId) =>
              reader.ownerExists(tenantId, { kind: 'person', id: personId }),
          }),
          inject: [OrgDirectoryReader],
        },
        {
          provide: GoalsDirectoryStore,
          useFactory: (connection: Connection) => new GoalsDirectoryStore(connection),
          inject: [CHECKINS_READ_STORE],
        },
        {
          provide: GOALS_DIRECTORY_PROJECTOR,
          useFactory: (store: GoalsDirectoryStore) => new GoalsDirectoryProjector(store),
          inject: [GoalsDirectoryStore],
        },
        {
          provide: GoalsDirectoryReader,
          useFactory: (store: GoalsDirectoryStore) => new GoalsDirectoryReader(store),
          inject: [GoalsDirectoryStore],
        },
        { provide: GOALS_KNOWLEDGE, useExisting: GoalsDirectoryReader },
        DirectoryStores,
      ],
      exports: [
        PERSON_REGISTRY,
        ORG_KNOWLEDGE,
        GOALS_KNOWLEDGE,
        OrgDirectoryReader,
        GoalsDirectoryReader,
      ],
    };
  }
}

/** The directory's consumer on the Nest Kafka transport, in the service's group. */
export const connectDirectory = (app: INestApplication, config: CheckinsConfiguration): void =>
  connectKafkaHandlers(app, {
    name: 'directory',
    connection: kafkaConnectionOf(config),
    clientId: 'rhythm-checkins-directory',
    groupId: config.CHECKINS_DIRECTORY_GROUP,
  });
