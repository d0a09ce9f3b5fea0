import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { systemClock, type EventStore } from '@rhythm/event-sourcing';
import { createKurrentDbEventStore } from '@rhythm/event-store-kurrentdb';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import { kafkaClient, kafkaConnectionOf } from '@rhythm/kafka-access';
import { kafkaClientRetry, kafkaLogCreator } from '@rhythm/messaging';
import { connectReadStore } from '@rhythm/projections';
import { ServiceLogger } from '@rhythm/operability';
import type { GoalsConfiguration } from '../goals-configuration';
import {
  GOALS_CLOCK,
  GOALS_CONFIGURATION,
  GOALS_EVENT_STORE,
  GOALS_KAFKA,
  GOALS_READ_STORE,
} from './goals-tokens';

/** PostgreSQL by default; KurrentDB when EVENT_STORE=kurrentdb (same port, same contract suite). */
export const openGoalsEventStore = async (config: GoalsConfiguration): Promise<EventStore> => {
  if (config.EVENT_STORE === 'kurrentdb') {
    // The configuration schema refuses kurrentdb without a URL.
    return createKurrentDbEventStore({ connectionString: config.KURRENTDB_URL! });
  }
  const store = createPostgresEventStore({
    connectionString: config.DATABASE_URL,
    ownerConnectionString: config.DATABASE_OWNER_URL,
    schema: config.GOALS_EVENT_STORE_SCHEMA,
  });
  await store.migrate();
  return store;
};

export const openGoalsReadStore = (config: GoalsConfiguration) =>
  connectReadStore(config.MONGO_URL);

/** As the goals principal when KAFKA_USERNAME is set (`npm start` gives each service its own). */
export const goalsKafka = (config: GoalsConfiguration, logger: ServiceLogger) =>
  kafkaClient(kafkaConnectionOf(config), {
    clientId: 'rhythm-goals',
    logCreator: kafkaLogCreator(logger.pino),
    retry: kafkaClientRetry,
  });

export const goalsInfrastructureProviders = (config: GoalsConfiguration): Provider[] => [
  { provide: GOALS_CONFIGURATION, useValue: config },
  { provide: GOALS_CLOCK, useValue: systemClock },
  { provide: GOALS_EVENT_STORE, useFactory: () => openGoalsEventStore(config) },
  { provide: GOALS_READ_STORE, useFactory: () => openGoalsReadStore(config) },
  {
    provide: GOALS_KAFKA,
    useFactory: (logger: ServiceLogger) => goalsKafka(config, logger),
    inject: [ServiceLogger],
  },
];

/**
 * The goals service's clients and ports, once per app: the event store, the read store, Kafka,
 * the configuration and the clock, for the commands, the read models and the org directory alike.
 */
@Global()
@Module({})
export class GoalsInfrastructureModule {
  static forRoot(config: GoalsConfiguration): DynamicModule {
    return {
      module: GoalsInfrastructureModule,
      providers: goalsInfrastructureProviders(config),
      exports: [GOALS_CONFIGURATION, GOALS_CLOCK, GOALS_EVENT_STORE, GOALS_READ_STORE, GOALS_KAFKA],
    };
  }
}
