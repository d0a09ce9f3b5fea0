import * as checkIns from './check-in.integration-events';

export * from './check-in.integration-events';
export { checkinsIntegrationEventExamples } from './checkins-integration-event.examples';

/**
 * Every integration event the checkins context publishes on `rhythm.checkins.events`, in catalog
 * order. Acknowledgements, blockers and cadence stay inside the context for now (ADR 0037).
 */
export const checkinsIntegrationEvents = [
  checkIns.checkInRecordedV1,
  checkIns.checkInCorrectedV1,
] as const;
