import { Inject, Injectable } from '@nestjs/common';
import {
  eventsOfTenant,
  StreamUnreadable,
  type EventStore,
  type RecordedEvent,
} from '@rhythm/event-sourcing';
import { goalsStreams, isObjectiveEvent, type ObjectiveEvent } from '@rhythm/goals-domain';
import type { TenantId } from '@rhythm/projections';
import { GOALS_EVENT_STORE } from '../../infrastructure/goals-tokens';
import { auditRecordOf, reasonOf, type AuditChange } from '../../read-models/objective-audit';

/** One entry of an objective's audit history: who changed what, when and why. */
export type HistoryEntryView = Readonly<{
  eventId: string;
  objectiveId: string;
  /** Set when the change concerns one key result. */
  keyResultId: string | null;
  /** Revision in the objective's stream: the order of the history. */
  revision: number;
  eventType: ObjectiveEvent['type'];
  actor: string;
  occurredAt: string;
  reason: string | null;
  correlationId: string;
  causationId: string;
  changes: readonly AuditChange[];
}>;

/** The history entry of one objective event: its before → after, with who, when and why. */
export const historyEntryOf = (event: RecordedEvent<ObjectiveEvent>): HistoryEntryView => {
  const { keyResultId, changes } = auditRecordOf(event);
  const { metadata } = event;
  return {
    eventId: metadata.eventId,
    objectiveId: event.data.objectiveId,
    keyResultId: keyResultId ?? null,
    revision: event.streamRevision,
    eventType: event.type,
    actor: metadata.actor,
    occurredAt: metadata.occurredAt,
    reason: reasonOf(event.data, metadata) ?? null,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    changes,
  };
};

/**
 * The audit history of objectives and key results, read from the objective's own stream (ADR
 * 0059): the hash-chained record a command verifies, in stream order, current the moment a
 * command is acknowledged. No read-model copy of it is kept.
 */
@Injectable()
export class ObjectiveHistory {
  constructor(@Inject(GOALS_EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Every change of the objective, oldest first; empty for an objective without events. Only
   * objective events are entries: an event of another type in the stream is left out, as the
   * projection that kept the history before left out what it did not handle. An objective event
   * whose entry cannot be made refuses the whole history (`StreamUnreadable`).
   */
  async ofObjective(tenantId: TenantId, objectiveId: string): Promise<HistoryEntryView[]> {
    const events = eventsOfTenant(
      await this.store.readStream(goalsStreams.objective(tenantId, objectiveId)),
      tenantId,
    );
    return events.filter(isObjectiveEvent).map((event) => {
      try {
        return historyEntryOf(event);
      } catch (error) {
        // An audit record with an entry left out would not be the record (ADR 0066).
        throw new StreamUnreadable(event.streamId, event.streamRevision, event.type, error);
      }
    });
  }

  /** The changes that concern one key result, oldest first. */
  async ofKeyResult(
    tenantId: TenantId,
    objectiveId: string,
    keyResultId: string,
  ): Promise<HistoryEntryView[]> {
    return (await this.ofObjective(tenantId, objectiveId)).filter(
      (entry) => entry.keyResultId === keyResultId,
    );
  }
}
