import { ServiceProcess, serviceTestEnvironment } from '@rhythm/testing';

/** Where one goals service keeps its events and read models, and which org topic it follows. */
export type GoalsServiceStores = Readonly<{
  /** PostgreSQL schema of the event store and the relay checkpoint. */
  schema: string;
  /** Mongo database of the read models and the org directory. */
  database: string;
  /** Kafka topic the relay publishes to. */
  topic: string;
  /** Kafka topic of the org integration events the org directory consumes. */
  orgTopic: string;
}>;

/**
 * The goals service as a child process (`services/goals/src/main.ts`) on a free port with its
 * own stores and the test identity; two started on the same stores are two replicas.
 */
export const startGoalsService = (
  stores: GoalsServiceStores,
  // environment: variables over the test defaults, e.g. rate limits on (off in tests).
  options: Readonly<{ logLevel?: string; environment?: NodeJS.ProcessEnv }> = {},
): Promise<ServiceProcess> =>
  ServiceProcess.start({
    name: 'goals',
    main: 'services/goals/src/main.ts',
    environment: {
      ...serviceTestEnvironment({ database: stores.database, logLevel: options.logLevel }),
      GOALS_EVENT_STORE_SCHEMA: stores.schema,
      GOALS_EVENTS_TOPIC: stores.topic,
      ORG_EVENTS_TOPIC: stores.orgTopic,
      // Replicas of one test share a group; parallel tests must not take each other's partitions.
      GOALS_ORG_DIRECTORY_GROUP: `rhythm-goals.org-directory.${stores.schema}`,
      GOALS_CHECK_IN_FEED_GROUP: `rhythm-goals.check-in-feed.${stores.schema}`,
      ...options.environment,
    },
  });
