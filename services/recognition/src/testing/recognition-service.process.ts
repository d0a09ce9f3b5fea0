import { createTopicsWithLeaders } from '@rhythm/kafka-access';
import { deadLetterTopicFor, type IntegrationEnvelope } from '@rhythm/contracts';
import { mintTestToken } from '@rhythm/identity';
import { publishToTopic } from '@rhythm/org-directory/testing';
import {
  dropTestStores,
  ServiceProcess,
  serviceTestEnvironment,
  testKafkaClient,
  uniqueName,
} from '@rhythm/testing';
import type { Kafka } from 'kafkajs';

/** Where one recognition service keeps its events and read models, and which topics it uses. */
export type RecognitionServiceStores = Readonly<{
  /** PostgreSQL schema of the event store, the relay checkpoint and the projections' leases. */
  schema: string;
  /** Mongo database of the read models, the directory and the inbox. */
  database: string;
  /** Kafka topic the relay publishes the recognition events to. */
  topic: string;
  /** Kafka topics the directory and the celebrations consume. */
  orgTopic: string;
  goalsTopic: string;
  checkinsTopic: string;
}>;

/** Fresh names for every store and topic of one recognition service. */
export const freshRecognitionStores = (): RecognitionServiceStores => ({
  schema: uniqueName('recognition_es'),
  database: uniqueName('recognition_procs'),
  topic: uniqueName('recognition_events'),
  orgTopic: uniqueName('org_events'),
  goalsTopic: uniqueName('goals_events'),
  checkinsTopic: uniqueName('checkins_events'),
});

/**
 * The recognition service as a child process (`services/recognition/src/main.ts`) on a free port
 * with its own stores and the test identity; `kill('SIGKILL')` and `restart()` keep its port,
 * stores and consumer group.
 */
export const startRecognitionService = (
  stores: RecognitionServiceStores,
  // environment: variables over the test defaults.
  options: Readonly<{ logLevel?: string; environment?: NodeJS.ProcessEnv; logFile?: string }> = {},
): Promise<ServiceProcess> =>
  ServiceProcess.start({
    name: 'recognition',
    main: 'services/recognition/src/main.ts',
    ...(options.logFile === undefined ? {} : { logFile: options.logFile }),
    environment: {
      ...serviceTestEnvironment({ database: stores.database, logLevel: options.logLevel }),
      RECOGNITION_EVENT_STORE_SCHEMA: stores.schema,
      RECOGNITION_EVENTS_TOPIC: stores.topic,
      ORG_EVENTS_TOPIC: stores.orgTopic,
      GOALS_EVENTS_TOPIC: stores.goalsTopic,
      CHECKINS_EVENTS_TOPIC: stores.checkinsTopic,
      // Parallel tests must not take each other's partitions.
      RECOGNITION_DIRECTORY_GROUP: `rhythm-recognition.directory.${stores.schema}`,
      ...options.environment,
    },
  });

/** The topics of one recognition service, made before it starts (3 partitions each). */
export const createRecognitionTopics = async (
  kafka: Kafka,
  stores: RecognitionServiceStores,
  partitions = 3,
): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsWithLeaders(
      admin,
      [stores.topic, stores.orgTopic, stores.goalsTopic, stores.checkinsTopic].map((topic) => ({
        topic,
        numPartitions: partitions,
      })),
    );
  } finally {
    await admin.disconnect();
  }
};

/** Drops the schema, the database and every topic (with its dead-letter topic) of the stores. */
export const dropRecognitionStores = (stores: RecognitionServiceStores): Promise<void> => {
  const topics = [stores.topic, stores.orgTopic, stores.goalsTopic, stores.checkinsTopic];
  return dropTestStores({
    schemas: [stores.schema],
    databases: [stores.database],
    topics: [...topics, ...topics.map(deadLetterTopicFor)],
  });
};

/** An answer over HTTP: the status and the parsed JSON body (undefined when there was none). */
export type JsonAnswer = Readonly<{ status: number; body: unknown }>;

/** A person's client of the recognition service over real HTTP; a refused connection throws. */
export type RecognitionClient = Readonly<{
  send: (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: object,
    headers?: Record<string, string>,
  ) => Promise<JsonAnswer>;
}>;

export const recognitionClient = (
  service: Readonly<{ url: string }>,
  tenantId: string,
  personId: string,
  roles: readonly string[] = ['member'],
): RecognitionClient => {
  const authorization = `Bearer ${mintTestToken({ sub: personId, tenant: tenantId, roles: [...roles] })}`;
  return {
    send: async (method, path, body, headers = {}) => {
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: {
          authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
    },
  };
};

/** Publishes envelopes on a topic as a relay would (keyed by stream: one stream, one partition). */
export const publishEnvelopes = (
  kafka: Kafka,
  topic: string,
  envelopes: readonly IntegrationEnvelope[],
): Promise<void> => publishToTopic(kafka, topic, envelopes);

/** A Kafka client for the tests of recognition processes. */
export const recognitionTestKafka = (): Kafka => testKafkaClient('recognition-processes');
