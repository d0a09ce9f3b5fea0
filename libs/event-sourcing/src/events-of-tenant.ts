import type { Event, RecordedEvent } from './event';

/**
 * The events of a stream read by a name built from an organisation's id and an id from a request:
 * none when they are another organisation's. Stream names join the two with '.', which an
 * organisation's id may hold too, so `objective-acme.eu.x` is both acme's `eu.x` and acme.eu's
 * `x`; only the events' own tenant tells them apart. All the events of a stream have one tenant.
 */
export const eventsOfTenant = <E extends Event>(
  events: readonly RecordedEvent<E>[],
  tenantId: string,
): RecordedEvent<E>[] => events.filter((event) => event.metadata.tenantId === tenantId);
