import { integrationTopics } from '@rhythm/contracts';
import {
  configVariables,
  eventStoreSchemaVariable,
  serviceConfigSchema,
  topicVariable,
} from '@rhythm/operability';
import { z } from 'zod';

/** The goals service's environment, validated once at boot (every problem reported at once). */
export const goalsConfigurationSchema = serviceConfigSchema({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(65535)
    .default(3002)
    .describe('a TCP port (default 3002)'),
  DATABASE_URL: configVariables.DATABASE_URL,
  DATABASE_OWNER_URL: configVariables.DATABASE_OWNER_URL,
  KAFKA_BROKERS: configVariables.KAFKA_BROKERS,
  // The service's own principal on the brokers (docs/adr/0035); unset: no authentication.
  KAFKA_SASL_MECHANISM: configVariables.KAFKA_SASL_MECHANISM,
  KAFKA_USERNAME: configVariables.KAFKA_USERNAME,
  KAFKA_PASSWORD: configVariables.KAFKA_PASSWORD,
  KAFKA_SSL: configVariables.KAFKA_SSL,
  KAFKA_SSL_CA_FILE: configVariables.KAFKA_SSL_CA_FILE,
  MONGO_URL: configVariables.MONGO_URL,
  EVENT_STORE: configVariables.EVENT_STORE,
  KURRENTDB_URL: configVariables.KURRENTDB_URL,
  GOALS_EVENT_STORE_SCHEMA: eventStoreSchemaVariable('goals'),
  GOALS_EVENTS_TOPIC: topicVariable('goals integration events published', integrationTopics.goals),
  ORG_EVENTS_TOPIC: topicVariable('org integration events consumed', integrationTopics.org),
  GOALS_ORG_DIRECTORY_GROUP: z
    .string()
    .min(1)
    .max(200)
    .default('rhythm-goals.org-directory')
    .describe(
      'Kafka consumer group of the org directory, shared by the replicas (default rhythm-goals.org-directory)',
    ),
  CHECKINS_EVENTS_TOPIC: topicVariable(
    'checkins integration events consumed',
    integrationTopics.checkins,
  ),
  GOALS_CHECK_IN_FEED_GROUP: z
    .string()
    .min(1)
    .max(200)
    .default('rhythm-goals.check-in-feed')
    .describe(
      'Kafka consumer group of the check-in feed, shared by the replicas (default rhythm-goals.check-in-feed)',
    ),
  BOARD_LINK_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe(
      'the secret TV board links are signed with (HMAC-SHA256, ADR 0052); required when ' +
        'NODE_ENV=production, a published development default elsewhere',
    ),
  GOALS_ORG_WAIT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(0)
    .max(60_000)
    .default(3000)
    .describe(
      'milliseconds a command waits for an owner the org directory has not seen yet (default 3000)',
    ),
});

export type GoalsConfiguration = z.infer<typeof goalsConfigurationSchema>;
