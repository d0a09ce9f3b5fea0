import type { NestExpressApplication } from '@nestjs/platform-express';
import { TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { createServiceApp, parseConfiguration } from '@rhythm/operability';
import { testInfrastructure, testKafkaClient, uniqueName } from '@rhythm/testing';
import type { Kafka } from 'kafkajs';
import { deadLetterTopicFor } from '@rhythm/contracts';
import type { EventStore } from '@rhythm/event-sourcing';
import mongoose, { type Connection } from 'mongoose';
import { Client } from 'pg';
import { goalsServiceOptions } from '../goals.app';
import { goalsConfigurationSchema, type GoalsConfiguration } from '../goals-configuration';
import { GOALS_EVENT_STORE, GOALS_READ_STORE } from '../infrastructure/goals-tokens';

/** The goals service in-process against the real stack, isolated: its own schema, database, topics. */
export type GoalsTestApp = Readonly<{
  app: NestExpressApplication;
  config: GoalsConfiguration;
  kafka: Kafka;
  close: () => Promise<void>;
}>;

const mongoUrlWithDatabase = (database: string): string => {
  const url = new URL(testInfrastructure.mongoUrl());
  url.pathname = `/${database}`;
  return url.toString();
};

export const startGoalsTestApp = async (
  overrides: Partial<Record<string, string>> = {},
): Promise<GoalsTestApp> => {
  const config = parseConfiguration(goalsConfigurationSchema, {
    DATABASE_URL: testInfrastructure.databaseUrl(),
    // The admin when the brokers authenticate: the test's topics and groups are its own.
    ...testInfrastructure.kafkaEnvironment(),
    MONGO_URL: mongoUrlWithDatabase(uniqueName('goals_e2e')),
    GOALS_EVENT_STORE_SCHEMA: uniqueName('goals_es'),
    GOALS_EVENTS_TOPIC: uniqueName('goals_events'),
    ORG_EVENTS_TOPIC: uniqueName('org_events'),
    GOALS_ORG_WAIT_MS: '500',
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
    LOG_LEVEL: 'warn',
    // Tests send bursts from one tenant; the limits have tests of their own (docs/adr/0033).
    RATE_LIMITS: 'off',
    ...overrides,
  });
  const kafka = testKafkaClient('goals-tests');
  const app = await createServiceApp(
    goalsServiceOptions(config, {
      orgDirectory: {
        groupId: uniqueName('goals_org_directory'),
        retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 200 },
      },
    }),
  );
  const close = async () => {
    // app.close() drains; the stores are closed by the shutdown sequence, which tests do not run.
    const eventStore = app.get<EventStore>(GOALS_EVENT_STORE);
    const readStore = app.get<Connection>(GOALS_READ_STORE);
    await app.close();
    await eventStore.close();
    await readStore.close();
    const mongo = await mongoose.createConnection(config.MONGO_URL).asPromise();
    await mongo.dropDatabase();
    await mongo.close();
    // The tests' own role: the service's may not drop what an owner role created (ADR 0029).
    const pg = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${config.GOALS_EVENT_STORE_SCHEMA}" CASCADE`);
    await pg.end();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({
        topics: [
          config.GOALS_EVENTS_TOPIC,
          config.ORG_EVENTS_TOPIC,
          deadLetterTopicFor(config.ORG_EVENTS_TOPIC),
        ],
      })
      .catch(() => undefined);
    await admin.disconnect();
  };
  return { app, config, kafka, close };
};
