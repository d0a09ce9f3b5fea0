import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Clock } from '@rhythm/event-sourcing';
import {
  contextClientsProviders,
  contextKafka,
  openContextEventStore,
  openContextReadStore,
} from '@rhythm/messaging';
import type { ServiceLogger } from '@rhythm/operability';
import type { GoalsConfiguration } from '../goals-configuration';
import {
  GOALS_CLOCK,
  GOALS_CONFIGURATION,
  GOALS_EVENT_STORE,
  GOALS_KAFKA,
  GOALS_READ_STORE,
  goalsInfrastructure,
} from './goals-tokens';

/** The goals event store (schema `GOALS_EVENT_STORE_SCHEMA`), for scripts and tests too. */
export const openGoalsEventStore = (config: GoalsConfiguration) =>
  openContextEventStore('goals', config);

export const openGoalsReadStore = (config: GoalsConfiguration) => openContextReadStore(config);

/** As the goals principal when KAFKA_USERNAME is set (`npm start` gives each service its own). */
export const goalsKafka = (config: GoalsConfiguration, logger: ServiceLogger) =>
  contextKafka('goals', config, logger);

/**
 * The goals service's clients and ports, once per app: the event store, the read store, Kafka,
 * the configuration and the clock, for every part of the service alike.
 */
@Global()
@Module({})
export class GoalsInfrastructureModule {
  /** `clock`: the system's; a test passes one it moves. */
  static forRoot(config: GoalsConfiguration, clock?: Clock): DynamicModule {
    return {
      module: GoalsInfrastructureModule,
      providers: contextClientsProviders(
        { ...goalsInfrastructure, clock: GOALS_CLOCK },
        config,
        clock,
      ),
      exports: [GOALS_CONFIGURATION, GOALS_CLOCK, GOALS_EVENT_STORE, GOALS_READ_STORE, GOALS_KAFKA],
    };
  }
}
