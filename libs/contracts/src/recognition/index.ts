import * as recognition from './recognition.integration-events';

export * from './recognition.integration-events';
export { recognitionIntegrationEventExamples } from './recognition-integration-event.examples';

/**
 * Every integration event the recognition context publishes on `rhythm.recognition.events`, in
 * catalog order (ADR 0049). Reactions, comments, drafts and settings stay inside the context.
 */
export const recognitionIntegrationEvents = [
  recognition.kudosGivenV1,
  recognition.kudosWithdrawnV1,
  recognition.achievementCelebratedV1,
  recognition.storyPublishedV1,
  recognition.storyWithdrawnV1,
] as const;
