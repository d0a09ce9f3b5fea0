import { integrationTopics } from '@rhythm/contracts';
import {
  configVariables,
  eventStoreSchemaVariable,
  serviceConfigSchema,
  topicVariable,
} from '@rhythm/operability';
import { z } from 'zod';

/** The recognition service's environment, validated once at boot (every problem reported at once). */
export const recognitionConfigurationSchema = serviceConfigSchema({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(65535)
    .default(3004)
    .describe('a TCP port (default 3004)'),
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
  RECOGNITION_EVENT_STORE_SCHEMA: eventStoreSchemaVariable('recognition'),
  RECOGNITION_EVENTS_TOPIC: topicVariable(
    'recognition integration events published',
    integrationTopics.recognition,
  ),
  ORG_EVENTS_TOPIC: topicVariable('org integration events consumed', integrationTopics.org),
  GOALS_EVENTS_TOPIC: topicVariable('goals integration events consumed', integrationTopics.goals),
  CHECKINS_EVENTS_TOPIC: topicVariable(
    'checkins integration events consumed',
    integrationTopics.checkins,
  ),
  RECOGNITION_DIRECTORY_GROUP: z
    .string()
    .min(1)
    .max(200)
    .default('rhythm-recognition.directory')
    .describe(
      'Kafka consumer group of the directory and the celebrations (org, goals and checkins topics), shared by the replicas (default rhythm-recognition.directory)',
    ),
  RECOGNITION_DIRECTORY_WAIT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(0)
    .max(60_000)
    .default(3000)
    .describe(
      'milliseconds a command waits for a person, unit or objective the directory has not seen yet (default 3000)',
    ),
});

export type RecognitionConfiguration = z.infer<typeof recognitionConfigurationSchema>;
