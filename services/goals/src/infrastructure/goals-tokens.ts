import type { ContextInfrastructure } from '@rhythm/operability';

/** Dependency-injection tokens of the goals service's ports and clients. */
export const GOALS_EVENT_STORE = Symbol('GoalsEventStore');
/** A mongoose Connection to the goals read store. */
export const GOALS_READ_STORE = Symbol('GoalsReadStore');
/** A kafkajs Kafka client. */
export const GOALS_KAFKA = Symbol('GoalsKafka');
export const GOALS_CONFIGURATION = Symbol('GoalsConfiguration');
/** The kernel's Clock (`@rhythm/event-sourcing`): commands take their time from it. */
export const GOALS_CLOCK = Symbol('GoalsClock');

/** The goals context's clients by their tokens, for the shared service wiring. */
export const goalsInfrastructure: ContextInfrastructure = {
  context: 'goals',
  configuration: GOALS_CONFIGURATION,
  eventStore: GOALS_EVENT_STORE,
  readStore: GOALS_READ_STORE,
  kafka: GOALS_KAFKA,
};
