import type { RecordedEvent } from '@rhythm/event-sourcing';
import { contextRelayProvider } from '@rhythm/messaging';
import { toCheckinsIntegrationEvent, type CheckinsEvent } from '../checkins-integration-events';
import { checkinsInfrastructure } from './checkins-tokens';

/**
 * Streams published on the checkins topic: the key results' check-ins (ADR 0037) and the
 * blockers, of which only the resolution maps to an integration event (ADR 0046).
 */
export const publishedCheckinsStreamPrefixes = ['checkins-', 'blocker-'] as const;

/** Every published checkins event, as its integration event, on CHECKINS_EVENTS_TOPIC. */
export const checkinsEventRelay = contextRelayProvider(checkinsInfrastructure, {
  streamPrefixes: publishedCheckinsStreamPrefixes,
  map: (recorded) => toCheckinsIntegrationEvent(recorded as RecordedEvent<CheckinsEvent>),
});
