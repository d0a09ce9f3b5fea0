import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type INestApplication,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  checkinsIntegrationEvents,
  ContractRegistry,
  deadLetterTopicFor,
  goalsIntegrationEvents,
  orgIntegrationEvents,
} from '@rhythm/contracts';
import {
  GoalsDirectoryProjector,
  GoalsDirectoryReader,
  GoalsDirectoryStore,
} from '@rhythm/goals-directory';
import { PERSON_REGISTRY, type PersonRegistry } from '@rhythm/identity';
import { kafkaConnectionOf } from '@rhythm/kafka-access';
import {
  connectKafkaHandlers,
  ensureTopics,
  IntegrationEventsModule,
  MongooseInboxStore,
  type RetryPolicy,
} from '@rhythm/messaging';
import { ServiceLogger } from '@rhythm/operability';
import {
  OrgDirectoryChanges,
  OrgDirectoryProjector,
  OrgDirectoryReader,
  OrgDirectoryStore,
} from '@rhythm/org-directory';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { AchievementCelebrations } from '../application/celebrations/achievement-celebrations';
import { AchievementOwners } from '../application/celebrations/achievement-owners';
import { LessonsLearned } from '../application/celebrations/lessons-learned';
import {
  GOALS_KNOWLEDGE,
  MEMBERSHIP_HISTORY,
  ORG_KNOWLEDGE,
} from '../application/recognition-directory.port';
import {
  RECOGNITION_CONFIGURATION,
  RECOGNITION_KAFKA,
  RECOGNITION_READ_STORE,
} from '../infrastructure/recognition-tokens';
import type { RecognitionConfiguration } from '../recognition-configuration';
import {
  directoryConsumer,
  GOALS_DIRECTORY_PROJECTOR,
  MEMBERSHIP_HISTORY_PROJECTOR,
  ORG_DIRECTORY_PROJECTOR,
  type DirectoryTopics,
} from './directory.consumer';
import { MembershipHistoryProjector } from './membership-history.projector';
import { MembershipHistoryReader } from './membership-history.reader';
import { MembershipHistoryStore } from './membership-history.store';
import { MembershipPopulation } from './membership-population';
import { FLOW_POPULATION } from '../application/queries/recognition.queries';

export type DirectoryOptions = Readonly<{
  /** Inbox collection in the recognition read store. Default `inbox` (shared, scoped by consumer). */
  inboxCollection?: string;
  retry?: Partial<RetryPolicy>;
}>;

const DIRECTORY_OPTIONS = Symbol('DirectoryOptions');

/** Indexes are built and the topics exist before the microservice subscribes. */
@Injectable()
class DirectoryStores implements OnApplicationBootstrap {
  constructor(
    @Inject(RECOGNITION_KAFKA) private readonly kafka: Kafka,
    @Inject(RECOGNITION_READ_STORE) private readonly readStore: Connection,
    @Inject(RECOGNITION_CONFIGURATION) private readonly config: DirectoryTopics,
    @Inject(DIRECTORY_OPTIONS) private readonly options: DirectoryOptions,
    @Inject(OrgDirectoryStore) private readonly org: OrgDirectoryStore,
    @Inject(GoalsDirectoryStore) private readonly goals: GoalsDirectoryStore,
    @Inject(MembershipHistoryStore) private readonly history: MembershipHistoryStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const inbox = new MongooseInboxStore(this.readStore, {
      collection: this.options.inboxCollection ?? 'inbox',
    });
    await Promise.all([
      inbox.ensureIndexes(),
      this.org.ensureIndexes(),
      this.goals.ensureIndexes(),
      this.history.ensureIndexes(),
    ]);
    const topics = [
      this.config.ORG_EVENTS_TOPIC,
      this.config.GOALS_EVENTS_TOPIC,
      this.config.CHECKINS_EVENTS_TOPIC,
    ];
    // The stack provisions them (libs/kafka-access); a bare broker gets them here.
    await ensureTopics(this.kafka, [...topics, ...topics.map(deadLetterTopicFor)]);
  }
}

/**
 * What the recognition service knows of the organisation, its history and its goals, from the
 * org, goals and checkins topics only (issue 10, item 6): the org directory of
 * `@rhythm/org-directory` with the membership history beside it, the goals directory of
 * `@rhythm/goals-directory`, and the celebrations and lessons learned those topics cause, all
 * fed by one consumer group on the Nest Kafka transport. Provides ORG_KNOWLEDGE,
 * GOALS_KNOWLEDGE, MEMBERSHIP_HISTORY and PERSON_REGISTRY (and the readers); global, for
 * commands and queries alike. Needs RecognitionInfrastructureModule and ServiceLogger.
 */
@Module({})
export class DirectoryModule {
  static forRoot(config: DirectoryTopics, options: DirectoryOptions = {}): DynamicModule {
    return {
      module: DirectoryModule,
      global: true,
      imports: [
        IntegrationEventsModule.forRootAsync({
          inject: [RECOGNITION_READ_STORE, ServiceLogger],
          useFactory: (readStore: Connection, logger: ServiceLogger) => ({
            registry: ContractRegistry.of(
              orgIntegrationEvents,
              goalsIntegrationEvents,
              checkinsIntegrationEvents,
            ),
            store: new MongooseInboxStore(readStore, {
              collection: options.inboxCollection ?? 'inbox',
            }),
            logger: logger.pino,
            ...(options.retry ? { retry: options.retry } : {}),
          }),
        }),
      ],
      controllers: [directoryConsumer(config)],
      providers: [
        { provide: DIRECTORY_OPTIONS, useValue: options },
        {
          provide: OrgDirectoryStore,
          useFactory: (connection: Connection) => new OrgDirectoryStore(connection),
          inject: [RECOGNITION_READ_STORE],
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
          provide: MembershipHistoryStore,
          useFactory: (connection: Connection) => new MembershipHistoryStore(connection),
          inject: [RECOGNITION_READ_STORE],
        },
        {
          provide: MEMBERSHIP_HISTORY_PROJECTOR,
          useFactory: (org: OrgDirectoryStore, history: MembershipHistoryStore) =>
            new MembershipHistoryProjector(org, history),
          inject: [OrgDirectoryStore, MembershipHistoryStore],
        },
        {
          provide: MembershipHistoryReader,
          useFactory: (store: MembershipHistoryStore) => new MembershipHistoryReader(store),
          inject: [MembershipHistoryStore],
        },
        { provide: MEMBERSHIP_HISTORY, useExisting: MembershipHistoryReader },
        {
          provide: FLOW_POPULATION,
          useFactory: (store: MembershipHistoryStore) => new MembershipPopulation(store),
          inject: [MembershipHistoryStore],
        },
        {
          provide: GoalsDirectoryStore,
          useFactory: (connection: Connection) => new GoalsDirectoryStore(connection),
          inject: [RECOGNITION_READ_STORE],
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
        AchievementOwners,
        AchievementCelebrations,
        LessonsLearned,
        DirectoryStores,
      ],
      exports: [
        PERSON_REGISTRY,
        ORG_KNOWLEDGE,
        GOALS_KNOWLEDGE,
        MEMBERSHIP_HISTORY,
        FLOW_POPULATION,
        OrgDirectoryReader,
        GoalsDirectoryReader,
        MembershipHistoryReader,
      ],
    };
  }
}

/** The directory's consumer on the Nest Kafka transport, in the service's group. */
export const connectDirectory = (app: INestApplication, config: RecognitionConfiguration): void =>
  connectKafkaHandlers(app, {
    name: 'directory',
    connection: kafkaConnectionOf(config),
    clientId: 'rhythm-recognition-directory',
    groupId: config.RECOGNITION_DIRECTORY_GROUP,
  });
