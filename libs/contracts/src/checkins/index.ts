import * as blockers from './blocker.integration-events';
import * as checkIns from './check-in.integration-events';

export * from './blocker.integration-events';
export * from './check-in.integration-events';
export { checkinsIntegrationEventExamples } from './checkins-integration-event.examples';

/**
 * Every integration event the checkins context publishes on `rhythm.checkins.events`, in catalog
 * order. A blocker's resolution is published (what recognition celebrates, ADR 0046); its
 * raising, acknowledgements, escalations and cadence stay inside the context (ADR 0037).
 */
export const checkinsIntegrationEvents = [
  checkIns.checkInRecordedV1,
  checkIns.checkInCorrectedV1,
  blockers.blockerResolvedV1,
] as const;
