import { createTopicsWithLeaders } from '@rhythm/kafka-access';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { deadLetterTopicFor, type IntegrationEnvelope } from '@rhythm/contracts';
import type { EventStore } from '@rhythm/event-sourcing';
import { mintTestToken, TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { createServiceApp, parseConfiguration } from '@rhythm/operability';
import { rebuildReadModels } from '@rhythm/projections';
import { publishToTopic } from '@rhythm/org-directory/testing';
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
import {
  RECOGNITION_EVENT_STORE,
  RECOGNITION_READ_STORE,
} from '../infrastructure/recognition-tokens';
import {
  MEMBERSHIP_HISTORY,
  type MembershipHistory,
} from '../application/recognition-directory.port';
import { recognitionServiceOptions } from '../recognition.app';
import { recognitionProjections } from '../read-models/recognition-projections';
import {
  recognitionConfigurationSchema,
  type RecognitionConfiguration,
} from '../recognition-configuration';

export type HttpClient = Readonly<{
  get: (path: string) => request.Test;
  post: (path: string, body?: object) => request.Test;
  put: (path: string, body?: object) => request.Test;
  delete: (path: string) => request.Test;
}>;

const clientOf = (http: () => App | string, token: string): HttpClient => {
  const authorised = (call: request.Test) => call.set('Authorization', token);
  const withBody = (call: request.Test, body: object | undefined) =>
    body === undefined ? authorised(call) : authorised(call).send(body);
  return {
    get: (path) => authorised(request(http()).get(path)),
    post: (path, body) => withBody(request(http()).post(path), body),
    put: (path, body) => withBody(request(http()).put(path), body),
    delete: (path) => authorised(request(http()).delete(path)),
  };
};

/**
 * The recognition service in-process, goals and checkins as their real processes (their
 * `main.ts`), each on stores and topics of its own: org events are published to the org topic as
 * the org relay would; check-ins go from checkins to goals over the checkins topic, goals'
 * achievements to recognition over the goals topic. Nothing is mocked.
 */
export type RecognitionWorld = Readonly<{
  kafka: Kafka;
  topics: Readonly<{ org: string; goals: string; checkins: string; recognition: string }>;
  /** The recognition service's configuration of the moment (its directory group, database). */
  config: RecognitionConfiguration;
  recognition: NestExpressApplication;
  goals: ServiceProcess;
  checkins: ServiceProcess;
  publishOrg: (events: readonly IntegrationEnvelope[]) => Promise<void>;
  /** A person's clients (admins: pass roles); recognition's follows its restarts. */
  recognitionAs: (tenantId: string, personId: string, roles?: readonly string[]) => HttpClient;
  goalsAs: (tenantId: string, personId: string, roles?: readonly string[]) => HttpClient;
  checkinsAs: (tenantId: string, personId: string, roles?: readonly string[]) => HttpClient;
  /**
   * Restarts recognition on the same stores with a consumer group and an inbox never used: it
   * reads the org, goals and checkins topics again from the start, and every event reaches the
   * handlers again (the inbox has no record of them), as a replay of the topics would.
   */
  replayTopics: () => Promise<void>;
  /**
   * Rebuilds every recognition projection from the first event, beside its live generation, and
   * swaps it in (`rebuildReadModels`, what a service's rebuild script runs), while the service
   * runs; the directory stays as it is.
   */
  rebuildReadSide: () => Promise<void>;
  /**
   * Waits until recognition's consumer group has handled every message the topic holds now:
   * its committed offsets reach the topic's ends.
   */
  untilConsumed: (topic: string) => Promise<void>;
  dispose: () => Promise<void>;
}>;

export const startRecognitionWorld = async (): Promise<RecognitionWorld> => {
  const topics = {
    org: uniqueName('org_events'),
    goals: uniqueName('goals_events'),
    checkins: uniqueName('checkins_events'),
    recognition: uniqueName('recognition_events'),
  };
  const goalsStores = { schema: uniqueName('goals_es'), database: uniqueName('goals_recog') };
  const checkinsStores = {
    schema: uniqueName('checkins_es'),
    database: uniqueName('checkins_recog'),
  };
  const recognitionSchema = uniqueName('recognition_es');
  const recognitionDatabases: string[] = [];
  const configuration = (): RecognitionConfiguration => {
    const database = uniqueName('recognition_e2e');
    recognitionDatabases.push(database);
    const mongoUrl = new URL(testInfrastructure.mongoUrl());
    mongoUrl.pathname = `/${database}`;
    return parseConfiguration(recognitionConfigurationSchema, {
      DATABASE_URL: testInfrastructure.databaseUrl(),
      ...testInfrastructure.kafkaEnvironment(),
      MONGO_URL: mongoUrl.toString(),
      RECOGNITION_EVENT_STORE_SCHEMA: recognitionSchema,
      RECOGNITION_EVENTS_TOPIC: topics.recognition,
      GOALS_EVENTS_TOPIC: topics.goals,
      ORG_EVENTS_TOPIC: topics.org,
      CHECKINS_EVENTS_TOPIC: topics.checkins,
      RECOGNITION_DIRECTORY_GROUP: uniqueName('recognition_directory'),
      RECOGNITION_DIRECTORY_WAIT_MS: '3000',
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
      LOG_LEVEL: 'warn',
      RATE_LIMITS: 'off',
    });
  };

  const kafka = testKafkaClient('recognition-tests');
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsWithLeaders(
    admin,
    Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })),
  );
  await admin.disconnect();

  const processes: ServiceProcess[] = [];
  const apps: NestExpressApplication[] = [];
  const dispose = async () => {
    for (const service of processes) await service.stop().catch(() => undefined);
    for (const app of apps) {
      await app.close().catch(() => undefined);
      await app
        .get<EventStore>(RECOGNITION_EVENT_STORE)
        .close()
        .catch(() => undefined);
      await app
        .get<Connection>(RECOGNITION_READ_STORE)
        .close()
        .catch(() => undefined);
    }
    await dropTestStores({
      schemas: [recognitionSchema, goalsStores.schema, checkinsStores.schema],
      databases: [...recognitionDatabases, goalsStores.database, checkinsStores.database],
      topics: [...Object.values(topics), ...Object.values(topics).map(deadLetterTopicFor)],
    });
  };

  try {
    // As services/goals/src/testing/goals-service.process.ts starts it (no import across services).
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
    processes.push(goals);
    // As services/checkins/src/testing/checkins-service.process.ts starts it.
    const checkins = await ServiceProcess.start({
      name: 'checkins',
      main: 'services/checkins/src/main.ts',
      environment: {
        ...serviceTestEnvironment({ database: checkinsStores.database }),
        CHECKINS_EVENT_STORE_SCHEMA: checkinsStores.schema,
        CHECKINS_EVENTS_TOPIC: topics.checkins,
        GOALS_EVENTS_TOPIC: topics.goals,
        ORG_EVENTS_TOPIC: topics.org,
        CHECKINS_DIRECTORY_GROUP: `rhythm-checkins.directory.${checkinsStores.schema}`,
        // No reminders or escalations in this world: an hour between two sweeps.
        CHECKINS_SWEEP_INTERVAL_MS: '3600000',
      },
    });
    processes.push(checkins);

    let config = configuration();
    const boot = async (inboxCollection?: string) => {
      const options = recognitionServiceOptions(config, {
        directory: {
          retry: { maxAttempts: 5, initialDelayMs: 20, maxDelayMs: 200 },
          ...(inboxCollection === undefined ? {} : { inboxCollection }),
        },
      });
      const app = await createServiceApp(options);
      apps.push(app);
      // bootstrapService does this in main.ts.
      await app.startAllMicroservices();
      return app;
    };
    let recognition = await boot();
    const restart = async (next: RecognitionConfiguration, inboxCollection?: string) => {
      await recognition.close();
      config = next;
      recognition = await boot(inboxCollection);
    };

    const tokenOf = (tenantId: string, personId: string, roles: readonly string[]) =>
      `Bearer ${mintTestToken({ sub: personId, tenant: tenantId, roles: [...roles] })}`;
    return {
      kafka,
      topics,
      get config() {
        return config;
      },
      get recognition() {
        return recognition;
      },
      goals,
      checkins,
      publishOrg: (events) => publishToTopic(kafka, topics.org, events),
      recognitionAs: (tenantId, personId, roles = ['member']) =>
        clientOf(() => recognition.getHttpServer(), tokenOf(tenantId, personId, roles)),
      goalsAs: (tenantId, personId, roles = ['member']) =>
        clientOf(() => goals.url, tokenOf(tenantId, personId, roles)),
      checkinsAs: (tenantId, personId, roles = ['member']) =>
        clientOf(() => checkins.url, tokenOf(tenantId, personId, roles)),
      replayTopics: () =>
        restart(
          {
            ...config,
            RECOGNITION_DIRECTORY_GROUP: uniqueName('recognition_directory'),
          },
          uniqueName('inbox'),
        ),
      rebuildReadSide: () =>
        rebuildReadModels(
          recognitionProjections(recognition.get<MembershipHistory>(MEMBERSHIP_HISTORY)),
          {
            store: recognition.get<EventStore>(RECOGNITION_EVENT_STORE),
            connection: recognition.get<Connection>(RECOGNITION_READ_STORE),
            // The old generation goes with the test's database.
            waitToDropOld: false,
            write: () => undefined,
          },
        ),
      untilConsumed: async (topic) => {
        const admin = kafka.admin();
        await admin.connect();
        try {
          const ends = await admin.fetchTopicOffsets(topic);
          await expectEventually(
            async () => {
              const [committed] = await admin.fetchOffsets({
                groupId: config.RECOGNITION_DIRECTORY_GROUP,
                topics: [topic],
              });
              for (const { partition, high } of ends) {
                const offset = committed?.partitions.find((p) => p.partition === partition)?.offset;
                // The relays publish in transactions: a partition's last offset is a commit
                // marker, which no consumer is handed; -1 is "nothing committed yet".
                const behind = Math.max(0, Number(high) - 1 - Number(offset ?? -1));
                expect({ partition, behind }).toEqual({ partition, behind: 0 });
              }
            },
            { timeoutMs: 60_000, intervalMs: 250 },
          );
        } finally {
          await admin.disconnect();
        }
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
};
