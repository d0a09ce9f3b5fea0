import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Clock } from '@rhythm/event-sourcing';
import {
  contextClientsProviders,
  contextKafka,
  openContextEventStore,
  openContextReadStore,
} from '@rhythm/messaging';
import type { ServiceLogger } from '@rhythm/operability';
import type { CheckinsConfiguration } from '../checkins-configuration';
import {
  CHECKINS_CLOCK,
  CHECKINS_CONFIGURATION,
  CHECKINS_EVENT_STORE,
  CHECKINS_KAFKA,
  CHECKINS_READ_STORE,
  checkinsInfrastructure,
} from './checkins-tokens';

/** The checkins event store (schema `CHECKINS_EVENT_STORE_SCHEMA`), for scripts and tests too. */
export const openCheckinsEventStore = (config: CheckinsConfiguration) =>
  openContextEventStore('checkins', config);

export const openCheckinsReadStore = (config: CheckinsConfiguration) =>
  openContextReadStore(config);

/** As the checkins principal when KAFKA_USERNAME is set (`npm start` gives each service its own). */
export const checkinsKafka = (config: CheckinsConfiguration, logger: ServiceLogger) =>
  contextKafka('checkins', config, logger);

/**
 * The checkins service's clients and ports, once per app: the event store, the read store, Kafka,
 * the configuration and the clock, for every part of the service alike.
 */
@Global()
@Module({})
export class CheckinsInfrastructureModule {
  /** `clock`: the system's; a test passes one it moves. */
  static forRoot(config: CheckinsConfiguration, clock?: Clock): DynamicModule {
    return {
      module: CheckinsInfrastructureModule,
      providers: contextClientsProviders(
        { ...checkinsInfrastructure, clock: CHECKINS_CLOCK },
        config,
        clock,
      ),
      exports: [
        CHECKINS_CONFIGURATION,
        CHECKINS_CLOCK,
        CHECKINS_EVENT_STORE,
        CHECKINS_READ_STORE,
        CHECKINS_KAFKA,
      ],
    };
  }
}
