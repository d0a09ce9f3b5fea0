import type { Event, RecordedEvent } from '@rhythm/event-sourcing';

/** Builds a recorded history, as the event store would return it, for time-travel specs. */
export class History {
  private position = 0n;
  private readonly revisions = new Map<string, number>();
  readonly events: RecordedEvent[] = [];

  record(
    streamId: string,
    occurredAt: string,
    event: Event,
    meta: Readonly<{ actor?: string; reason?: string }> = {},
  ): this {
    const streamRevision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, streamRevision);
    this.position += 1n;
    this.events.push({
      ...event,
      streamId,
      streamRevision,
      globalPosition: this.position,
      recordedAt: new Date(occurredAt),
      metadata: {
        eventId: `e-${String(this.position)}`,
        tenantId: 'acme',
        actor: meta.actor ?? 'ann',
        correlationId: `c-${String(this.position)}`,
        causationId: `c-${String(this.position)}`,
        occurredAt,
        ...(meta.reason === undefined ? {} : { reason: meta.reason }),
      },
    });
    return this;
  }
}
