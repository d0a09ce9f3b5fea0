import { Global, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { deadLetterTopicFor } from '@rhythm/contracts';
import { ShutdownRegistry } from '@rhythm/operability';
import { testInfrastructure, testKafkaClient, uniqueName } from '@rhythm/testing';
import type { Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import {
  GOALS_CONFIGURATION,
  GOALS_KAFKA,
  GOALS_READ_STORE,
} from '../../infrastructure/goals-tokens';
import type { OrgDirectoryOptions } from '../org-directory.consumer';
import { OrgDirectoryModule } from '../org-directory.module';

/** What GoalsInfrastructureModule gives the app, pointed at a test's database and topic. */
@Global()
@Module({})
class TestGoalsInfrastructure {
  static of(connection: Connection, kafka: Kafka, topic: string): DynamicModule {
    return {
      module: TestGoalsInfrastructure,
      providers: [
        { provide: GOALS_READ_STORE, useValue: connection },
        { provide: GOALS_KAFKA, useValue: kafka },
        { provide: GOALS_CONFIGURATION, useValue: { ORG_EVENTS_TOPIC: topic } },
        ShutdownRegistry,
      ],
      exports: [GOALS_READ_STORE, GOALS_KAFKA, GOALS_CONFIGURATION, ShutdownRegistry],
    };
  }
}

@Module({})
class TestApp {}

/** A unique read-store database, a unique org topic, and a Kafka client: one test file's world. */
export type OrgDirectoryTestWorld = Readonly<{
  kafka: Kafka;
  topic: string;
  connection: Connection;
  /** An app of the directory module alone, as the goals service would import it. */
  boot: (options: OrgDirectoryOptions) => Promise<INestApplicationContext>;
  dispose: () => Promise<void>;
}>;

export const orgDirectoryTestWorld = async (): Promise<OrgDirectoryTestWorld> => {
  const kafka = testKafkaClient('goals-org-directory-tests');
  const topic = uniqueName('org_events');
  const connection = await mongoose
    .createConnection(testInfrastructure.mongoUrl(), {
      dbName: uniqueName('goals_orgdir'),
      serverSelectionTimeoutMS: 10_000,
    })
    .asPromise();
  return {
    kafka,
    topic,
    connection,
    boot: (options) =>
      NestFactory.createApplicationContext(
        {
          module: TestApp,
          imports: [
            TestGoalsInfrastructure.of(connection, kafka, topic),
            OrgDirectoryModule.forRoot(options),
          ],
        },
        { logger: false },
      ),
    dispose: async () => {
      await connection.dropDatabase();
      await connection.close();
      const admin = kafka.admin();
      await admin.connect();
      await admin
        .deleteTopics({ topics: [topic, deadLetterTopicFor(topic)] })
        .catch(() => undefined);
      await admin.disconnect();
    },
  };
};
