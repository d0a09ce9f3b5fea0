import type { InjectionToken, Provider } from '@nestjs/common';
import { systemClock, type Clock, type EventStore } from '@rhythm/event-sourcing';
import { createKurrentDbEventStore } from '@rhythm/event-store-kurrentdb';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import {
  kafkaClient,
  kafkaConnectionOf,
  type KafkaConnectionConfiguration,
} from '@rhythm/kafka-access';
import { ServiceLogger, type ContextInfrastructure } from '@rhythm/operability';
import { connectReadStore } from '@rhythm/projections';
import { kafkaLogCreator } from '../kafka/kafka-log';
import { kafkaClientRetry } from '../kafka/kafka-recovery';

/**
 * What a context service's configuration says of its clients. Every service names its event
 * store's schema `<CONTEXT>_EVENT_STORE_SCHEMA` (`eventStoreSchemaVariable`).
 */
export type ContextClientsConfiguration = KafkaConnectionConfiguration &
  Readonly<{
    DATABASE_URL: string;
    DATABASE_OWNER_URL?: string;
    MONGO_URL: string;
    EVENT_STORE?: 'postgres' | 'kurrentdb';
    KURRENTDB_URL?: string;
  }>;

const schemaOf = (context: string, config: ContextClientsConfiguration): string => {
  const name = `${context.toUpperCase()}_EVENT_STORE_SCHEMA`;
  const schema = (config as unknown as Record<string, unknown>)[name];
  if (typeof schema !== 'string' || schema === '') {
    throw new Error(`The ${context} event store needs ${name} in the service's configuration`);
  }
  return schema;
};

/**
 * The context's event store: PostgreSQL by default, migrated as the owner role (ADR 0029);
 * KurrentDB when EVENT_STORE=kurrentdb (same port, same contract suite).
 */
export const openContextEventStore = async (
  context: string,
  config: ContextClientsConfiguration,
): Promise<EventStore> => {
  if (config.EVENT_STORE === 'kurrentdb') {
    // The configuration schema refuses kurrentdb without a URL.
    return createKurrentDbEventStore({ connectionString: config.KURRENTDB_URL! });
  }
  const store = createPostgresEventStore({
    connectionString: config.DATABASE_URL,
    ownerConnectionString: config.DATABASE_OWNER_URL,
    schema: schemaOf(context, config),
  });
  await store.migrate();
  return store;
};

/** The context's read store: its MONGO_URL (a database of its own, or shared: see the service). */
export const openContextReadStore = (config: ContextClientsConfiguration) =>
  connectReadStore(config.MONGO_URL);

/** As the context's own principal when KAFKA_USERNAME is set (`npm start` gives each its own). */
export const contextKafka = (
  context: string,
  config: ContextClientsConfiguration,
  logger: ServiceLogger,
) =>
  kafkaClient(kafkaConnectionOf(config), {
    clientId: `rhythm-${context}`,
    logCreator: kafkaLogCreator(logger.pino),
    retry: kafkaClientRetry,
  });

/**
 * A context service's clients under its tokens, once per app: the configuration, the clock
 * (`clock`: the system's; a test passes one it moves), the event store, the read store, Kafka.
 */
export const contextClientsProviders = (
  infrastructure: ContextInfrastructure & Readonly<{ clock: InjectionToken }>,
  config: ContextClientsConfiguration,
  clock: Clock = systemClock,
): Provider[] => [
  { provide: infrastructure.configuration, useValue: config },
  { provide: infrastructure.clock, useValue: clock },
  {
    provide: infrastructure.eventStore,
    useFactory: () => openContextEventStore(infrastructure.context, config),
  },
  { provide: infrastructure.readStore, useFactory: () => openContextReadStore(config) },
  {
    provide: infrastructure.kafka,
    useFactory: (logger: ServiceLogger) => contextKafka(infrastructure.context, config, logger),
    inject: [ServiceLogger],
  },
];
