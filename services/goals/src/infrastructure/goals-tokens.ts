/** Dependency-injection tokens of the goals service's ports and clients. */
export const GOALS_EVENT_STORE = Symbol('GoalsEventStore');
/** A mongoose Connection to the goals read store. */
export const GOALS_READ_STORE = Symbol('GoalsReadStore');
/** A kafkajs Kafka client. */
export const GOALS_KAFKA = Symbol('GoalsKafka');
export const GOALS_CONFIGURATION = Symbol('GoalsConfiguration');
/** The kernel's Clock (`@rhythm/event-sourcing`): commands take their time from it. */
export const GOALS_CLOCK = Symbol('GoalsClock');
