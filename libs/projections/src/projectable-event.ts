import type { IntegrationEnvelope } from '@rhythm/contracts';
import type { EventMetadata, RecordedEvent } from '@rhythm/event-sourcing';

/** A store event whose position may have travelled as text. */
export type StoredEventLike = Readonly<{
  type: string;
  data: object;
  metadata: EventMetadata;
  streamId: string;
  streamRevision: number;
  globalPosition: bigint | string;
  recordedAt?: Date | string;
}>;

/**
 * An event as it reaches a projection: a RecordedEvent of this context's store, or another
 * context's integration event consumed from Kafka (its envelope, already validated and upcast by
 * the consumer). Positions and revisions are those of the publishing store.
 */
export type ProjectableEvent = StoredEventLike | IntegrationEnvelope;

export const asRecordedEvent = (event: ProjectableEvent): RecordedEvent => {
  const metadata = 'metadata' in event ? event.metadata : metadataOf(event);
  if (!Number.isInteger(event.streamRevision) || event.streamRevision < 0) {
    throw new Error(`Event ${metadata.eventId} has no valid stream revision`);
  }
  if (!metadata.tenantId) {
    throw new Error(`Event ${metadata.eventId} has no tenant: it cannot be projected`);
  }
  const recordedAt = 'recordedAt' in event ? event.recordedAt : undefined;
  return {
    type: event.type,
    data: event.data,
    metadata,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    globalPosition: BigInt(event.globalPosition),
    recordedAt: new Date(recordedAt ?? metadata.occurredAt),
  };
};

const metadataOf = (envelope: IntegrationEnvelope): EventMetadata => ({
  eventId: envelope.eventId,
  tenantId: envelope.tenantId,
  actor: envelope.actor,
  correlationId: envelope.correlationId,
  causationId: envelope.causationId,
  occurredAt: envelope.occurredAt,
  ...(envelope.reason === undefined ? {} : { reason: envelope.reason }),
});
