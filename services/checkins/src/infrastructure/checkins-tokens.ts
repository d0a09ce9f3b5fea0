import type { ContextInfrastructure } from '@rhythm/operability';

/** Dependency-injection tokens of the checkins service's ports and clients. */
export const CHECKINS_EVENT_STORE = Symbol('CheckinsEventStore');
/** A mongoose Connection to the checkins read store (its own database). */
export const CHECKINS_READ_STORE = Symbol('CheckinsReadStore');
/** A kafkajs Kafka client. */
export const CHECKINS_KAFKA = Symbol('CheckinsKafka');
export const CHECKINS_CONFIGURATION = Symbol('CheckinsConfiguration');
/** The kernel's Clock: commands and the scheduler take their time from it. */
export const CHECKINS_CLOCK = Symbol('CheckinsClock');

/** The checkins context's clients by their tokens, for the shared service wiring. */
export const checkinsInfrastructure: ContextInfrastructure = {
  context: 'checkins',
  configuration: CHECKINS_CONFIGURATION,
  eventStore: CHECKINS_EVENT_STORE,
  readStore: CHECKINS_READ_STORE,
  kafka: CHECKINS_KAFKA,
};
