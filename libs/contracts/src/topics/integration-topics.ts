/** The bounded contexts that publish integration events, one Kafka topic each. */
export const publishingContexts = ['org', 'goals', 'checkins', 'recognition'] as const;

export type PublishingContext = (typeof publishingContexts)[number];

export const topicFor = (context: PublishingContext): string => `rhythm.${context}.events`;

export const integrationTopics = {
  org: topicFor('org'),
  goals: topicFor('goals'),
  checkins: topicFor('checkins'),
  recognition: topicFor('recognition'),
} as const satisfies Record<PublishingContext, string>;

/** Where a consumer parks what it cannot process: `<topic>.dlq`. */
export const deadLetterTopicFor = (topic: string): string => `${topic}.dlq`;

/**
 * Headers a consumer adds to a dead letter, beside the original headers; the key and value are
 * the original ones, so a dead letter can be replayed as it was.
 */
export const deadLetterHeaders = {
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumer: 'dlq-consumer',
  /** 'poison' (no retry can help) or 'handler-failed' (after the last attempt). */
  reason: 'dlq-reason',
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
} as const;

export type DeadLetterReason = 'poison' | 'handler-failed';

export const isPublishingContext = (value: string): value is PublishingContext =>
  (publishingContexts as readonly string[]).includes(value);

/** 'org.squad-moved' → 'org'. */
export const contextOfEventType = (type: string): PublishingContext => {
  const context = type.slice(0, type.indexOf('.'));
  if (!isPublishingContext(context)) {
    throw new Error(`Event type ${type} is not qualified by a publishing context`);
  }
  return context;
};

/** 'org.squad-moved' → 'rhythm.org.events'. */
export const topicForEventType = (type: string): string => topicFor(contextOfEventType(type));
