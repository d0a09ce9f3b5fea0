import type { ContextInfrastructure } from '@rhythm/operability';

/** Dependency-injection tokens of the recognition service's ports and clients. */
export const RECOGNITION_EVENT_STORE = Symbol('RecognitionEventStore');
/** A mongoose Connection to the recognition read store (its own database). */
export const RECOGNITION_READ_STORE = Symbol('RecognitionReadStore');
/** A kafkajs Kafka client. */
export const RECOGNITION_KAFKA = Symbol('RecognitionKafka');
export const RECOGNITION_CONFIGURATION = Symbol('RecognitionConfiguration');
/** The kernel's Clock: commands and the scheduler take their time from it. */
export const RECOGNITION_CLOCK = Symbol('RecognitionClock');

/** The recognition context's clients by their tokens, for the shared service wiring. */
export const recognitionInfrastructure: ContextInfrastructure = {
  context: 'recognition',
  configuration: RECOGNITION_CONFIGURATION,
  eventStore: RECOGNITION_EVENT_STORE,
  readStore: RECOGNITION_READ_STORE,
  kafka: RECOGNITION_KAFKA,
};
