import { createTopicsWithLeaders } from '@rhythm/kafka-access';
import { Global, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { deadLetterTopicFor, type IntegrationEnvelope } from '@rhythm/contracts';
import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import {
  createPinoLogger,
  HealthChecks,
  parseConfiguration,
  ServiceLogger,
  ShutdownRegistry,
} from '@rhythm/operability';
import { publishToTopic } from '@rhythm/org-directory/testing';
import { dropTestStores, testInfrastructure, testKafkaClient, uniqueName } from '@rhythm/testing';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { connectDirectory, DirectoryModule } from '../directory/directory.module';
import { RecognitionInfrastructureModule } from '../infrastructure/recognition-infrastructure.module';
import {
  RECOGNITION_EVENT_STORE,
  RECOGNITION_READ_STORE,
} from '../infrastructure/recognition-tokens';
import {
  recognitionConfigurationSchema,
  type RecognitionConfiguration,
} from '../recognition-configuration';

/** What bootstrapService gives a service's modules: a quiet logger, shutdown and readiness. */
@Global()
@Module({})
class TestOperability {
  static forRoot(): DynamicModule {
    return {
      module: TestOperability,
      providers: [
        {
          provide: ServiceLogger,
          useValue: new ServiceLogger(
            createPinoLogger({ service: 'recognition', level: 'silent' }),
          ),
        },
        ShutdownRegistry,
        HealthChecks,
      ],
      exports: [ServiceLogger, ShutdownRegistry, HealthChecks],
    };
  }
}

@Module({})
class DirectoryTestApp {}

/**
 * The recognition directory alone (its module and consumer, on the real stores and topics of
 * the local stack), as the service would run it: org, goals and checkins envelopes are published
 * to topics of the test's own, and what the consumer decided is read back from the recognition
 * event store and read store. `restart` boots it again on the same stores, with a new consumer
 * group and inbox when asked: a replay of the topics from the start.
 */
export type DirectoryWorld = Readonly<{
  kafka: Kafka;
  config: RecognitionConfiguration;
  app: () => INestApplication;
  /** The ids of the events the consumer recorded as handled (sorted), by inbox consumer name. */
  handled: () => Promise<Record<string, string[]>>;
  publish: (
    topic: 'org' | 'goals' | 'checkins',
    events: readonly IntegrationEnvelope[],
  ) => Promise<void>;
  /** Every event of the recognition store whose stream starts with the prefix. */
  eventsOf: (streamPrefix: string) => Promise<RecordedEvent[]>;
  restart: (options?: Readonly<{ replay?: boolean }>) => Promise<void>;
  dispose: () => Promise<void>;
}>;

export const startDirectoryWorld = async (): Promise<DirectoryWorld> => {
  const topics = {
    org: uniqueName('org_events'),
    goals: uniqueName('goals_events'),
    checkins: uniqueName('checkins_events'),
  };
  const database = uniqueName('recognition_dir');
  const mongoUrl = new URL(testInfrastructure.mongoUrl());
  mongoUrl.pathname = `/${database}`;
  const configOf = (group: string) =>
    parseConfiguration(recognitionConfigurationSchema, {
      DATABASE_URL: testInfrastructure.databaseUrl(),
      ...testInfrastructure.kafkaEnvironment(),
      MONGO_URL: mongoUrl.toString(),
      RECOGNITION_EVENT_STORE_SCHEMA: schema,
      RECOGNITION_EVENTS_TOPIC: uniqueName('recognition_events'),
      ORG_EVENTS_TOPIC: topics.org,
      GOALS_EVENTS_TOPIC: topics.goals,
      CHECKINS_EVENTS_TOPIC: topics.checkins,
      RECOGNITION_DIRECTORY_GROUP: group,
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
      LOG_LEVEL: 'warn',
    });
  const schema = uniqueName('recognition_es');
  const kafka = testKafkaClient('recognition-directory-tests');
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsWithLeaders(
    admin,
    Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })),
  );
  await admin.disconnect();

  const boot = async (group: string, inbox: string) => {
    const config = configOf(group);
    const app = await NestFactory.create(
      {
        module: DirectoryTestApp,
        imports: [
          TestOperability.forRoot(),
          RecognitionInfrastructureModule.forRoot(config),
          DirectoryModule.forRoot(config, {
            inboxCollection: inbox,
            retry: { maxAttempts: 4, initialDelayMs: 50, maxDelayMs: 400 },
          }),
        ],
      },
      { logger: false },
    );
    connectDirectory(app, config);
    await app.init();
    await app.startAllMicroservices();
    return { app, config, inbox };
  };

  let running = await boot(uniqueName('rhythm-recognition.directory'), 'inbox');
  const stop = async () => {
    const { app } = running;
    for (const drainable of app.get(ShutdownRegistry).drainables) await drainable.drain();
    await app.close();
    await app.get<EventStore>(RECOGNITION_EVENT_STORE).close();
    await app.get<Connection>(RECOGNITION_READ_STORE).close();
  };
  return {
    kafka,
    get config() {
      return running.config;
    },
    app: () => running.app,
    handled: async () => {
      const documents = await running.app
        .get<Connection>(RECOGNITION_READ_STORE)
        .collection(running.inbox)
        .find({}, { projection: { consumer: 1, eventId: 1 } })
        .toArray();
      const handled: Record<string, string[]> = {};
      for (const { consumer, eventId } of documents) {
        (handled[String(consumer)] ??= []).push(String(eventId));
      }
      for (const ids of Object.values(handled)) ids.sort();
      return handled;
    },
    publish: (topic, events) => publishToTopic(kafka, topics[topic], events),
    eventsOf: async (streamPrefix) => {
      const events: RecordedEvent[] = [];
      const store = running.app.get<EventStore>(RECOGNITION_EVENT_STORE);
      for await (const event of store.readAll({ streamPrefixes: [streamPrefix] })) {
        events.push(event);
      }
      return events;
    },
    restart: async ({ replay = false } = {}) => {
      await stop();
      running = replay
        ? await boot(uniqueName('rhythm-recognition.directory'), uniqueName('inbox'))
        : await boot(running.config.RECOGNITION_DIRECTORY_GROUP, 'inbox');
    },
    dispose: async () => {
      await stop();
      await dropTestStores({
        schemas: [schema],
        databases: [database],
        topics: [...Object.values(topics), ...Object.values(topics).map(deadLetterTopicFor)],
      });
    },
  };
};
