import type { ContextInfrastructure } from '@rhythm/operability';

/** Dependency-injection tokens of the org service's ports and clients. */
export const ORG_EVENT_STORE = Symbol('OrgEventStore');
export const ORG_READ_STORE = Symbol('OrgReadStore');
export const ORG_KAFKA = Symbol('OrgKafka');
export const ORG_CONFIGURATION = Symbol('OrgConfiguration');
/** The kernel's Clock (`@rhythm/event-sourcing`): commands take their time from it. */
export const ORG_CLOCK = Symbol('OrgClock');

/** The org context's clients by their tokens, for the shared service wiring. */
export const orgInfrastructure: ContextInfrastructure = {
  context: 'org',
  configuration: ORG_CONFIGURATION,
  eventStore: ORG_EVENT_STORE,
  readStore: ORG_READ_STORE,
  kafka: ORG_KAFKA,
};
