import type { RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { ObjectiveEvent } from '@rhythm/goals-domain';
import { auditRecordOf, reasonOf, type AuditChange } from './objective-audit';
import { objectivesEventTypes } from './objectives.projection';

/** One entry of an objective's audit history: who changed what, when and why. */
export type ObjectiveHistoryDocument = {
  _id: string;
  tenantId: string;
  objectiveId: string;
  /** Set when the change concerns one key result. */
  keyResultId?: string;
  /** Revision in the objective's stream: the order of the history. */
  revision: number;
  eventType: ObjectiveEvent['type'];
  actor: string;
  occurredAt: string;
  reason?: string;
  correlationId: string;
  causationId: string;
  changes: AuditChange[];
};

/**
 * The audit trail of objectives and key results, one document per event (id: the event id),
 * from the events' data and metadata. Each document is written once by its stream.
 */
export const objectiveHistoryProjection = defineProjection({
  name: 'goals_objective_history',
  // 2: documents keyed by tenant and id (ADR 0025).
  version: 2,
  handles: objectivesEventTypes,
  streamPrefixes: ['objective-'],
  collections: [
    {
      name: 'goals_objective_history',
      guard: 'stream',
      indexes: [
        { keys: { tenantId: 1, objectiveId: 1, revision: 1 }, serves: 'history of an objective' },
        {
          keys: { tenantId: 1, objectiveId: 1, keyResultId: 1, revision: 1 },
          serves: 'history of a key result',
        },
      ],
    },
  ],
  apply: (event: RecordedEvent<ObjectiveEvent>, context) => {
    const { keyResultId, changes } = auditRecordOf(event);
    const reason = reasonOf(event.data, event.metadata);
    context.create('goals_objective_history', event.metadata.eventId, {
      $set: {
        objectiveId: event.data.objectiveId,
        ...(keyResultId === undefined ? {} : { keyResultId }),
        revision: event.streamRevision,
        eventType: event.type,
        actor: event.metadata.actor,
        occurredAt: event.metadata.occurredAt,
        ...(reason === undefined ? {} : { reason }),
        correlationId: event.metadata.correlationId,
        causationId: event.metadata.causationId,
        changes,
      },
    });
  },
});
