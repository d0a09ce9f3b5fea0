import type { Provider } from '@nestjs/common';
import { systemClock, type EventStore } from '@rhythm/event-sourcing';
import { createKurrentDbEventStore } from '@rhythm/event-store-kurrentdb';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import { kafkaClient, kafkaConnectionOf } from '@rhythm/kafka-access';
import { kafkaClientRetry, kafkaLogCreator } from '@rhythm/messaging';
import { MasterKey, PostgresPersonalDataKeys, protectPersonalData } from '@rhythm/personal-data';
import { connectReadStore } from '@rhythm/projections';
import { ServiceLogger } from '@rhythm/operability';
import type { OrgConfiguration } from '../org-configuration';
import { orgPersonalData } from './org-personal-data.policy';
import {
  ORG_CLOCK,
  ORG_CONFIGURATION,
  ORG_EVENT_STORE,
  ORG_KAFKA,
  ORG_READ_STORE,
} from './org-tokens';

type EventStoreConfiguration = Pick<
  OrgConfiguration,
  | 'EVENT_STORE'
  | 'KURRENTDB_URL'
  | 'DATABASE_URL'
  | 'DATABASE_OWNER_URL'
  | 'ORG_EVENT_STORE_SCHEMA'
  | 'PERSONAL_DATA_MASTER_KEY'
>;

/** PostgreSQL by default; KurrentDB when EVENT_STORE=kurrentdb (same port, same contract suite). */
const openEventStore = async (config: EventStoreConfiguration): Promise<EventStore> => {
  if (config.EVENT_STORE === 'kurrentdb') {
    // The configuration schema refuses kurrentdb without a URL.
    return createKurrentDbEventStore({ connectionString: config.KURRENTDB_URL! });
  }
  const store = createPostgresEventStore({
    connectionString: config.DATABASE_URL,
    ownerConnectionString: config.DATABASE_OWNER_URL,
    schema: config.ORG_EVENT_STORE_SCHEMA,
  });
  await store.migrate();
  return store;
};

/**
 * The org event store as everything in the service uses it: people's personal data sealed under
 * their own keys, which live beside the events in PostgreSQL whichever store holds the events
 * (ADR 0034). Commands, projections, the relay and the tools all open it here.
 */
export const openOrgEventStore = async (config: EventStoreConfiguration): Promise<EventStore> => {
  const keys = new PostgresPersonalDataKeys({
    connectionString: config.DATABASE_URL,
    ownerConnectionString: config.DATABASE_OWNER_URL,
    schema: config.ORG_EVENT_STORE_SCHEMA,
    ...(config.PERSONAL_DATA_MASTER_KEY === undefined
      ? {}
      : { masterKey: MasterKey.fromBase64(config.PERSONAL_DATA_MASTER_KEY) }),
  });
  try {
    await keys.migrate();
    return protectPersonalData(await openEventStore(config), { policy: orgPersonalData, keys });
  } catch (error) {
    await keys.close();
    throw error;
  }
};

export const openOrgReadStore = (config: Pick<OrgConfiguration, 'MONGO_URL'>) =>
  connectReadStore(config.MONGO_URL);

/** As the org principal when KAFKA_USERNAME is set (`npm start` gives each service its own). */
export const orgKafka = (config: OrgConfiguration, logger: ServiceLogger) =>
  kafkaClient(kafkaConnectionOf(config), {
    clientId: 'rhythm-org',
    logCreator: kafkaLogCreator(logger.pino),
    retry: kafkaClientRetry,
  });

export const orgInfrastructureProviders = (config: OrgConfiguration): Provider[] => [
  { provide: ORG_CONFIGURATION, useValue: config },
  { provide: ORG_CLOCK, useValue: systemClock },
  { provide: ORG_EVENT_STORE, useFactory: () => openOrgEventStore(config) },
  { provide: ORG_READ_STORE, useFactory: () => openOrgReadStore(config) },
  {
    provide: ORG_KAFKA,
    useFactory: (logger: ServiceLogger) => orgKafka(config, logger),
    inject: [ServiceLogger],
  },
];
