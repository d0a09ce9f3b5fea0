import type { RecordedEvent } from '@rhythm/event-sourcing';
import { contextRelayProvider } from '@rhythm/messaging';
import { toOrgIntegrationEvent } from '../application/org-integration-events.mapper';
import { orgStreamPrefixes, type OrgEvent } from '../org-domain';
import { orgInfrastructure } from './org-tokens';

/** Every org event, mapped to its integration event, on ORG_EVENTS_TOPIC (ADRs 0004, 0027). */
export const orgEventRelay = contextRelayProvider(orgInfrastructure, {
  streamPrefixes: orgStreamPrefixes,
  map: (recorded) => toOrgIntegrationEvent(recorded as RecordedEvent<OrgEvent>),
});
