import { createTopicsWithLeaders } from '@rhythm/kafka-access';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Clock, EventStore } from '@rhythm/event-sourcing';
import { mintTestToken, TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { createServiceApp, parseConfiguration } from '@rhythm/operability';
import { publishToTopic } from '@rhythm/org-directory/testing';
import type { IntegrationEnvelope } from '@rhythm/contracts';
import { deadLetterTopicFor } from '@rhythm/contracts';
import {
  dropTestStores,
  expectEventually,
  ServiceProcess,
  serviceTestEnvironment,
  testInfrastructure,
  testKafkaClient,
  uniqueName,
} from '@rhythm/testing';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import request from 'supertest';
import type { App } from 'supertest/types';
import { checkinsServiceOptions } from '../checkins.app';
import { checkinsConfigurationSchema, type CheckinsConfiguration } from '../checkins-configuration';
import { CHECKINS_EVENT_STORE, CHECKINS_READ_STORE } from '../infrastructure/checkins-tokens';

/** A clock the test moves: the scripted week's days pass in a second. */
export class TestClock implements Clock {
  private at: number;

  constructor(start = Date.now()) {
    this.at = start;
  }

  now = (): Date => new Date(this.at);

  set(at: number | Date): void {
    this.at = typeof at === 'number' ? at : at.getTime();
  }
}

export type HttpClient = Readonly<{
  get: (path: string) => request.Test;
  post: (path: string, body?: object) => request.Test;
  put: (path: string, body?: object) => request.Test;
  delete: (path: string) => request.Test;
}>;

const clientOf = (http: App | string, token: () => string): HttpClient => {
  const authorised = (call: request.Test) => call.set('Authorization', token());
  const withBody = (call: request.Test, body: object | undefined) =>
    body === undefined ? authorised(call) : authorised(call).send(body);
  return {
    get: (path) => authorised(request(http).get(path)),
    post: (path, body) => withBody(request(http).post(path), body),
    put: (path, body) => withBody(request(http).put(path), body),
    delete: (path) => authorised(request(http).delete(path)),
  };
};

/**
 * The checkins service in-process (with a clock the test moves) and the goals service as a child
 * process (its real `main.ts`), on stores and topics of their own: org events are published to
 * the org topic as the org relay would; goals' come from goals itself over its topic, and the
 * check-ins go back to goals over the checkins topic. Nothing is mocked.
 */
export type CheckinsWorld = Readonly<{
  clock: TestClock;
  config: CheckinsConfiguration;
  kafka: Kafka;
  checkins: NestExpressApplication;
  goals: ServiceProcess;
  publishOrg: (events: readonly IntegrationEnvelope[]) => Promise<void>;
  /** A person's client of checkins (admins: pass roles). */
  checkinsAs: (tenantId: string, personId: string, roles?: readonly string[]) => HttpClient;
  goalsAs: (tenantId: string, personId: string, roles?: readonly string[]) => HttpClient;
  /** Restarts checkins in-process on the same stores, as a restarted replica would. */
  restartCheckins: () => Promise<NestExpressApplication>;
  dispose: () => Promise<void>;
}>;

export const startCheckinsWorld = async (
  options: Readonly<{ clock?: TestClock }> = {},
): Promise<CheckinsWorld> => {
  const clock = options.clock ?? new TestClock();
  const topics = {
    org: uniqueName('org_events'),
    goals: uniqueName('goals_events'),
    checkins: uniqueName('checkins_events'),
  };
  const goalsStores = { schema: uniqueName('goals_es'), database: uniqueName('goals_week') };
  const checkinsDatabase = uniqueName('checkins_e2e');
  const mongoUrl = new URL(testInfrastructure.mongoUrl());
  mongoUrl.pathname = `/${checkinsDatabase}`;
  const config = parseConfiguration(checkinsConfigurationSchema, {
    DATABASE_URL: testInfrastructure.databaseUrl(),
    ...testInfrastructure.kafkaEnvironment(),
    MONGO_URL: mongoUrl.toString(),
    CHECKINS_EVENT_STORE_SCHEMA: uniqueName('checkins_es'),
    CHECKINS_EVENTS_TOPIC: topics.checkins,
    GOALS_EVENTS_TOPIC: topics.goals,
    ORG_EVENTS_TOPIC: topics.org,
    CHECKINS_DIRECTORY_GROUP: uniqueName('checkins_directory'),
    // The test ticks the scheduler itself, at the moments the script chooses.
    CHECKINS_SWEEP_INTERVAL_MS: '3600000',
    CHECKINS_DIRECTORY_WAIT_MS: '3000',
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
    LOG_LEVEL: 'warn',
    RATE_LIMITS: 'off',
  });
  const kafka = testKafkaClient('checkins-tests');
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsWithLeaders(
    admin,
    Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })),
  );
  await admin.disconnect();

  const goals = await ServiceProcess.start({
    name: 'goals',
    main: 'services/goals/src/main.ts',
    environment: {
      ...serviceTestEnvironment({ database: goalsStores.database }),
      GOALS_EVENT_STORE_SCHEMA: goalsStores.schema,
      GOALS_EVENTS_TOPIC: topics.goals,
      ORG_EVENTS_TOPIC: topics.org,
      CHECKINS_EVENTS_TOPIC: topics.checkins,
      GOALS_ORG_DIRECTORY_GROUP: `rhythm-goals.org-directory.${goalsStores.schema}`,
      GOALS_CHECK_IN_FEED_GROUP: `rhythm-goals.check-in-feed.${goalsStores.schema}`,
    },
  });

  const apps: NestExpressApplication[] = [];
  const boot = async () => {
    const app = await createServiceApp(
      checkinsServiceOptions(config, {
        clock,
        directory: { retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 200 } },
      }),
    );
    // bootstrapService does this in main.ts.
    await app.startAllMicroservices();
    apps.push(app);
    return app;
  };
  let checkins = await boot();

  const tokenOf = (tenantId: string, personId: string, roles: readonly string[]) => () =>
    `Bearer ${mintTestToken({ sub: personId, tenant: tenantId, roles: [...roles] })}`;
  const world: CheckinsWorld = {
    clock,
    config,
    kafka,
    get checkins() {
      return checkins;
    },
    goals,
    publishOrg: (events) => publishToTopic(kafka, topics.org, events),
    checkinsAs: (tenantId, personId, roles = ['member']) =>
      clientOf(checkins.getHttpServer(), tokenOf(tenantId, personId, roles)),
    goalsAs: (tenantId, personId, roles = ['member']) =>
      clientOf(goals.url, tokenOf(tenantId, personId, roles)),
    restartCheckins: async () => {
      await checkins.close();
      checkins = await boot();
      return checkins;
    },
    dispose: async () => {
      await goals.stop();
      for (const app of apps) {
        await app.close().catch(() => undefined);
        await app.get<EventStore>(CHECKINS_EVENT_STORE).close();
        await app.get<Connection>(CHECKINS_READ_STORE).close();
      }
      await dropTestStores({
        schemas: [config.CHECKINS_EVENT_STORE_SCHEMA, goalsStores.schema],
        databases: [checkinsDatabase, goalsStores.database],
        topics: [...Object.values(topics), ...Object.values(topics).map(deadLetterTopicFor)],
      });
    },
  };
  return world;
};

/**
 * Waits until the checkins directory knows the objective as it stands in goals: its check-ins
 * answer 200 and, for an objective activated in an open cycle, accept check-ins. The key result
 * reaches checkins before the objective's activation: a check-in in between is refused.
 */
export const untilCheckinsKnows = (
  client: HttpClient,
  objectiveId: string,
  keyResultId: string,
  { acceptingCheckIns = true }: Readonly<{ acceptingCheckIns?: boolean }> = {},
): Promise<void> =>
  expectEventually(
    async () => {
      const response = await client.get(
        `/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`,
      );
      expect(response.status).toBe(200);
      if (acceptingCheckIns) expect(response.body).toMatchObject({ acceptsCheckIns: true });
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
