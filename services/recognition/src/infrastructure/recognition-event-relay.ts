import type { RecordedEvent } from '@rhythm/event-sourcing';
import { contextRelayProvider } from '@rhythm/messaging';
import {
  toRecognitionIntegrationEvent,
  type RecognitionEvent,
} from '../recognition-integration-events';
import { recognitionInfrastructure } from './recognition-tokens';

/** Streams published on the recognition topic: kudos, celebrations and stories (ADR 0049). */
export const publishedRecognitionStreamPrefixes = ['kudos-', 'celebration-', 'story-'] as const;

/** Every published recognition event, as its integration event, on RECOGNITION_EVENTS_TOPIC. */
export const recognitionEventRelay = contextRelayProvider(recognitionInfrastructure, {
  streamPrefixes: publishedRecognitionStreamPrefixes,
  map: (recorded) => toRecognitionIntegrationEvent(recorded as RecordedEvent<RecognitionEvent>),
});
