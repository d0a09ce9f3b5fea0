import { integrationTopics } from '@rhythm/contracts';
import {
  configVariables,
  eventStoreSchemaVariable,
  serviceConfigSchema,
  topicVariable,
} from '@rhythm/operability';
import { z } from 'zod';

/** The org service's environment, validated once at boot (every problem reported at once). */
export const orgConfigurationSchema = serviceConfigSchema({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(65535)
    .default(3001)
    .describe('a TCP port (default 3001)'),
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
  ORG_EVENT_STORE_SCHEMA: eventStoreSchemaVariable('org'),
  PERSONAL_DATA_MASTER_KEY: z
    .string()
    .refine(
      (value) => Buffer.from(value.trim(), 'base64').length === 32,
      'must be 32 bytes in base64 (openssl rand -base64 32)',
    )
    .optional()
    .describe(
      'base64 of 32 bytes: wraps the per-person data keys at rest (ADR 0034); without it the ' +
        'keys are stored unwrapped',
    ),
  ORG_EVENTS_TOPIC: topicVariable('org integration events published', integrationTopics.org),
});

export type OrgConfiguration = z.infer<typeof orgConfigurationSchema>;
