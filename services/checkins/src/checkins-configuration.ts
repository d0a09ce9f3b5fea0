import { integrationTopics } from '@rhythm/contracts';
import {
  configVariables,
  eventStoreSchemaVariable,
  serviceConfigSchema,
  topicVariable,
} from '@rhythm/operability';
import { z } from 'zod';

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The checkins service's environment, validated once at boot (every problem reported at once). */
export const checkinsConfigurationSchema = serviceConfigSchema({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(65535)
    .default(3003)
    .describe('a TCP port (default 3003)'),
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
  CHECKINS_EVENT_STORE_SCHEMA: eventStoreSchemaVariable('checkins'),
  CHECKINS_EVENTS_TOPIC: topicVariable(
    'checkins integration events published',
    integrationTopics.checkins,
  ),
  GOALS_EVENTS_TOPIC: topicVariable('goals integration events consumed', integrationTopics.goals),
  ORG_EVENTS_TOPIC: topicVariable('org integration events consumed', integrationTopics.org),
  CHECKINS_DIRECTORY_GROUP: z
    .string()
    .min(1)
    .max(200)
    .default('rhythm-checkins.directory')
    .describe(
      'Kafka consumer group of the directory (org and goals topics), shared by the replicas (default rhythm-checkins.directory)',
    ),
  CHECKINS_SWEEP_INTERVAL_MS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1000)
    .max(3_600_000)
    .default(60_000)
    .describe(
      'milliseconds between two ticks of the cadence scheduler (overdue check-ins, blocker deadlines; default 60000)',
    ),
  CHECKINS_DEFAULT_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Stockholm')
    .default('UTC')
    .describe("the zone of a unit's default cadence, Fridays 17:00 (default UTC)"),
  CHECKINS_DIRECTORY_WAIT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(0)
    .max(60_000)
    .default(3000)
    .describe(
      'milliseconds a command waits for a key result or person the directory has not seen yet (default 3000)',
    ),
});

export type CheckinsConfiguration = z.infer<typeof checkinsConfigurationSchema>;
